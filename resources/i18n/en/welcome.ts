<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>FirstRun</name>
    <message>
        <source>正在生成演示数据（不到一分钟）…</source>
        <translation>Creating the demo data (less than a minute)…</translation>
    </message>
</context>
<context>
    <name>GuidedPathDialog</name>
    <message>
        <source>开始使用</source>
        <translation>Getting started</translation>
    </message>
    <message>
        <source>管理员账号已创建。接下来三步即可开始月结：</source>
        <translation>The administrator account has been created. Three steps to your first monthly billing:</translation>
    </message>
    <message>
        <source>导入客户表</source>
        <translation>Import the customer sheet</translation>
    </message>
    <message>
        <source>选择公司的客户 Excel 表，检查后导入（约一分钟）。</source>
        <translation>Choose your company's customer Excel sheet, check it, then import it (about a minute).</translation>
    </message>
    <message>
        <source>导入客户表…</source>
        <translation>Import customer sheet…</translation>
    </message>
    <message>
        <source>核对价格方案</source>
        <translation>Check the price plans</translation>
    </message>
    <message>
        <source>客户表中的单层/多层定价已生成价格方案；可在“价格方案”中补充。</source>
        <translation>The sheet's single-floor / multi-floor prices became price plans; complete them under “Price plans”.</translation>
    </message>
    <message>
        <source>打开价格方案</source>
        <translation>Open price plans</translation>
    </message>
    <message>
        <source>导入用量，生成账单</source>
        <translation>Import usage, generate bills</translation>
    </message>
    <message>
        <source>每月导入用量表，然后在“月结账单”中生成并开具账单。</source>
        <translation>Each month, import the usage sheet, then generate and issue the bills under “Monthly bill run”.</translation>
    </message>
    <message>
        <source>打开月结账单</source>
        <translation>Open monthly bill run</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>欢迎使用 OP_CMS</source>
        <translation>Welcome to OP_CMS</translation>
    </message>
    <message>
        <source>欢迎使用 OP_CMS 客户与结算管理</source>
        <translation>Welcome to OP_CMS customer and billing management</translation>
    </message>
    <message>
        <source>第一次在这台电脑上使用。请选择数据放在哪里（以后可在登录窗口的“连接设置”中更改）：</source>
        <translation>This is the first start on this computer. Choose where the data lives (you can change it later under “Connection settings” in the sign-in window):</translation>
    </message>
    <message>
        <source>新建本机数据库</source>
        <translation>New local database</translation>
    </message>
    <message>
        <source>从空白开始：创建管理员账号，然后导入客户表。数据只保存在这台电脑上，可离线使用。</source>
        <translation>Start empty: create the administrator account, then import the customer sheet. The data stays on this computer and works offline.</translation>
    </message>
    <message>
        <source>打开演示数据库</source>
        <translation>Open the demo database</translation>
    </message>
    <message>
        <source>约一千三百家虚构客户和两年的用量、账单、收款，用来熟悉各个界面。与正式数据分开保存。</source>
        <translation>About 1,300 made-up customers with two years of usage, bills and receipts, to get to know the screens. Kept apart from real data.</translation>
    </message>
    <message>
        <source>连接共享数据库（PostgreSQL）</source>
        <translation>Connect to the shared database (PostgreSQL)</translation>
    </message>
    <message>
        <source>公司已有服务器时选择：填写服务器地址，用您自己的账号登录。</source>
        <translation>Choose this when your company has a server: enter its address and sign in with your own account.</translation>
    </message>
    <message>
        <source>此版本未包含演示数据。</source>
        <translation>This build does not include the demo data.</translation>
    </message>
</context>
</TS>
