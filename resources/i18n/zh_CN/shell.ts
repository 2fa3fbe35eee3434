<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>输入有误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…… 另有 %1 处问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>意外错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发生了意外错误，操作未完成，数据未被更改。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先设置新密码再继续使用（首次登录或管理员重置了密码）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>连接设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机数据库（SQLite，离线使用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共享数据库（PostgreSQL 服务器）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接 PostgreSQL 时使用您自己的用户名和密码登录（在登录窗口输入）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>端口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查服务器…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仍要使用这个服务器，请再按一次“确定”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择数据文件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>正在打开数据库…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerTabs</name>
    <message>
        <source>画像</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跟进</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>创建第一个管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这是一个新的数据库（%1）。
请创建第一个管理员账号；系统没有默认密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如：张三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>创建并登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 OP_CMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OP_CMS 客户与结算管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记住密码（保存在系统凭据管理器中）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除已保存的密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接设置…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已从系统凭据管理器中删除保存的密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入用户名和密码。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OP_CMS 客户与结算管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的角色目前没有可用的界面。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账号(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户指南</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>键盘快捷键</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于 OP_CMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>界面语言已设为 %1，重新登录后生效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运营</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户：%1（%2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经营看板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月结账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款核销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人对照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>字典</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户画像分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户分群</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算沙盒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动化规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据使用审计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>字段权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出审批</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperationRunner</name>
    <message>
        <source>正在处理…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReauthDialog</name>
    <message>
        <source>已锁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长时间未操作，已锁定。请输入 %1 的密码继续。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>解锁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_RunnerDialog</name>
    <message>
        <source>请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>没有权限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据已被他人修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在运行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未找到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <source>至少 %1 个字符，不能与用户名相同，不能是常见密码。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
