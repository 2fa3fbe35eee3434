<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需改密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正常</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDialogs</name>
    <message>
        <source>运营</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理员</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserFormDialog</name>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
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
        <source>用户首次登录时须修改密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
    <message>
        <source>筛选用户名或显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户表中负责人“%1”的 %2 个客户还没有对应用户。要把他们关联到 %3 吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用 %1 后，该用户将无法登录。确定吗？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
