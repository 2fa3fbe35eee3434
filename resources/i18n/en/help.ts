<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于 OP_CMS</source>
        <translation>About OP_CMS</translation>
    </message>
    <message>
        <source>OP_CMS 客户与结算管理</source>
        <translation>OP_CMS Customers and Billing</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>%1（Python %2，Qt for Python %3）</source>
        <translation>%1 (Python %2, Qt for Python %3)</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>日志文件</source>
        <translation>Log file</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>发生了意外错误，刚才的操作没有完成，已保存的数据未被更改。
详情已写入日志。如需求助，请点“复制详情”并发给管理员。</source>
        <translation>An unexpected error occurred. The last action did not complete; saved data was not changed.
The details are in the log. To get help, click “Copy details” and send them to your administrator.</translation>
    </message>
    <message>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>作用</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <source>用户指南</source>
        <translation>User guide</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>打开用户指南（当前界面的那一页）</source>
        <translation>Open the user guide at the current screen's page</translation>
    </message>
    <message>
        <source>表格：复制当前单元格；选中多行时复制为制表符分隔的区域</source>
        <translation>Tables: copy the current cell; with several rows selected, copy them as a tab-separated block</translation>
    </message>
    <message>
        <source>表格：复制选中的行（含表头）</source>
        <translation>Tables: copy the selected rows with headers</translation>
    </message>
    <message>
        <source>可编辑的表格（用量更正）：粘贴从 Excel 复制的区域</source>
        <translation>Editable tables (usage corrections): paste a block copied from Excel</translation>
    </message>
    <message>
        <source>右键</source>
        <translation>Right-click</translation>
    </message>
    <message>
        <source>表格：复制、复制（含表头）、按此值筛选、打开</source>
        <translation>Tables: Copy, Copy with headers, Filter by this value, Open</translation>
    </message>
    <message>
        <source>双击 / Enter</source>
        <translation>Double-click / Enter</translation>
    </message>
    <message>
        <source>表格：打开所选的行</source>
        <translation>Tables: open the selected row</translation>
    </message>
    <message>
        <source>客户：跳到搜索框</source>
        <translation>Customers: jump to the search box</translation>
    </message>
    <message>
        <source>取消正在运行的操作（导入、月结、导出）</source>
        <translation>Cancel the running operation (import, bill run, export)</translation>
    </message>
    <message>
        <source>↑ / ↓</source>
        <translation>↑ / ↓</translation>
    </message>
    <message>
        <source>日期和月份框：加减光标所在的部分（年、月或日）</source>
        <translation>Date and month fields: step the part under the cursor (year, month or day)</translation>
    </message>
    <message>
        <source>日期和月份框：全选后直接输入日期，如 2026-03-15</source>
        <translation>Date and month fields: select all, then type a date such as 2026-03-15</translation>
    </message>
    <message>
        <source>在输入框之间移动</source>
        <translation>Move between fields</translation>
    </message>
</context>
</TS>
