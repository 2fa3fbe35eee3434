<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>需改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>UserDialogs</name>
    <message>
        <source>运营</source>
        <translation>Operations</translation>
    </message>
    <message>
        <source>销售</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>UserFormDialog</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>用户首次登录时须修改密码。</source>
        <translation> The user must change it at the first login.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
    <message>
        <source>筛选用户名或显示名称</source>
        <translation>Filter by user name or display name</translation>
    </message>
    <message>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>关联客户</source>
        <translation>Link customers</translation>
    </message>
    <message>
        <source>客户表中负责人“%1”的 %2 个客户还没有对应用户。要把他们关联到 %3 吗？</source>
        <translation>%2 customers of owner "%1" in the customer sheet are not linked to a user. Link them to %3?</translation>
    </message>
    <message>
        <source>停用用户</source>
        <translation>Disable user</translation>
    </message>
    <message>
        <source>停用 %1 后，该用户将无法登录。确定吗？</source>
        <translation>Once %1 is disabled, they cannot log in. Continue?</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
</context>
</TS>
