<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>全部对象</source>
        <translation>All objects</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>对象ID</source>
        <translation>Object ID</translation>
    </message>
    <message>
        <source>搜索摘要、对象ID或用户名</source>
        <translation>Search summary, object ID or user name</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>选择一行查看变更详情</source>
        <translation>Select a row to see what changed</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 %1 条记录</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <source>正在校验审计链…</source>
        <translation>Verifying the audit chain…</translation>
    </message>
    <message>
        <source>✓ 审计链完好：已校验 %1 行，没有发现改动或删除。</source>
        <translation>✓ Audit chain intact: %1 rows verified, nothing altered or removed.</translation>
    </message>
    <message>
        <source>✗ 审计链在 ID %1 处断开：%2。请立即通知系统管理员。</source>
        <translation>✗ Audit chain broken at ID %1: %2. Tell the system administrator at once.</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出审计日志…</source>
        <translation>Exporting the audit log…</translation>
    </message>
    <message>
        <source>已导出 %1 条记录到 %2</source>
        <translation>Exported %1 entries to %2</translation>
    </message>
</context>
<context>
    <name>DataUseScreen</name>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>校验访问记录链</source>
        <translation>Verify access chain</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>阈值</source>
        <translation>Threshold</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>检查异常访问</source>
        <translation>Check for unusual access</translation>
    </message>
    <message>
        <source>要求该用户重新输入密码</source>
        <translation>Ask this user for the password again</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>异常访问提醒（近 %1 天）</source>
        <translation>Unusual access alerts (last %1 days)</translation>
    </message>
    <message>
        <source>%1 位用户，%2 次操作</source>
        <translation>%1 users, %2 operations</translation>
    </message>
    <message>
        <source>数据使用审计-%1-%2.xlsx</source>
        <translation>data-use-%1-%2.xlsx</translation>
    </message>
    <message>
        <source>导出数据使用审计报告</source>
        <translation>Export the data-use report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>%1 rows exported to %2</translation>
    </message>
    <message>
        <source>正在校验访问记录链…</source>
        <translation>Verifying the access chain…</translation>
    </message>
    <message>
        <source>✓ 访问记录链完好：已校验 %1 行。</source>
        <translation>✓ Access chain intact: %1 rows verified.</translation>
    </message>
    <message>
        <source>✗ 访问记录链在 ID %1 处断开：%2。</source>
        <translation>✗ Access chain broken at ID %1: %2.</translation>
    </message>
    <message>
        <source>检查完成：新提醒 %1 条</source>
        <translation>Checked: %1 new alerts</translation>
    </message>
    <message>
        <source>登录时间 %1</source>
        <translation>Login at %1</translation>
    </message>
    <message>
        <source>平时每小时 %1 次（中位数）</source>
        <translation>usually %1 per hour (median)</translation>
    </message>
    <message>
        <source>异常访问提醒 #%1</source>
        <translation>Unusual access alert #%1</translation>
    </message>
    <message>
        <source>用户 %1 下次查看或导出前需要重新输入密码</source>
        <translation>%1 must give the password again before the next view or export</translation>
    </message>
</context>
<context>
    <name>ExportApprovalsScreen</name>
    <message>
        <source>申请号</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>申请时间</source>
        <translation>Requested at</translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation>Export of</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>申请导出</source>
        <translation>Request export</translation>
    </message>
    <message>
        <source>申请导出（超过本角色阈值时需要另一位同事批准）</source>
        <translation>Request an export (above your role's threshold a colleague must approve)</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Export of</translation>
    </message>
    <message>
        <source>最多行数</source>
        <translation>Up to rows</translation>
    </message>
    <message>
        <source>角色导出规则</source>
        <translation>Export rule per role</translation>
    </message>
    <message>
        <source>不限行数</source>
        <translation>No row limit</translation>
    </message>
    <message>
        <source>导出脱敏字段也需审批</source>
        <translation>Masked fields need approval</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>超过</source>
        <translation>Above</translation>
    </message>
    <message>
        <source>行需审批</source>
        <translation>rows needs approval</translation>
    </message>
    <message>
        <source>导出申请</source>
        <translation>Export request</translation>
    </message>
    <message>
        <source>我的导出申请</source>
        <translation>My export requests</translation>
    </message>
    <message>
        <source>申请 #%1：%2</source>
        <translation>Request #%1: %2</translation>
    </message>
    <message>
        <source>这次导出不需要审批，可以直接导出。</source>
        <translation>This export needs no approval: export directly.</translation>
    </message>
    <message>
        <source>申请 #%1 已批准，可以导出一次。</source>
        <translation>Request #%1 is approved: you may export once.</translation>
    </message>
    <message>
        <source>已提交申请 #%1，等待审批。</source>
        <translation>Request #%1 submitted; waiting for approval.</translation>
    </message>
    <message>
        <source>已保存角色 %1 的导出规则</source>
        <translation>Export rule of role %1 saved</translation>
    </message>
</context>
<context>
    <name>FieldPermissionsScreen</name>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>权限</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>隐藏</source>
        <translation>Hidden</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>可编辑</source>
        <translation>Editable</translation>
    </message>
    <message>
        <source>隐藏的字段在该角色的客户列表、详情、导出和命令行中都不出现；只读的字段可以看到但不能修改。“金额与价格”同时隐藏单层定价和多层定价。公司id 和公司名称始终可见；管理员不受限制。</source>
        <translation>A hidden field appears nowhere for the role: not in the customer list, the detail, exports or the command line; a read-only field shows but cannot be changed. "Amounts and prices" also hides the single- and multi-level prices. Company ID and company name always show; admins are never restricted.</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>将选中的字段设为：</source>
        <translation>Set the selected field to:</translation>
    </message>
    <message>
        <source>请先选择一个字段</source>
        <translation>Select a field first</translation>
    </message>
    <message>
        <source>角色 %1 的字段 %2：%3</source>
        <translation>Role %1, field %2: %3</translation>
    </message>
</context>
<context>
    <name>PasswordAgainDialog</name>
    <message>
        <source>请重新输入密码</source>
        <translation>Enter your password again</translation>
    </message>
    <message>
        <source>%1
请输入 %2 的密码以继续。</source>
        <translation>%1
Enter the password of %2 to continue.</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>PermissionMatrix</name>
    <message>
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>价格方案</source>
        <translation>Price plans</translation>
    </message>
    <message>
        <source>用量</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>账单</source>
        <translation>Bills</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>出账</source>
        <translation>Run bills</translation>
    </message>
    <message>
        <source>开具账单</source>
        <translation>Issue bills</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>登记收款</source>
        <translation>Record receipts</translation>
    </message>
    <message>
        <source>核销</source>
        <translation>Allocate</translation>
    </message>
    <message>
        <source>取消核销</source>
        <translation>Undo allocation</translation>
    </message>
    <message>
        <source>管理用户</source>
        <translation>Manage users</translation>
    </message>
    <message>
        <source>管理角色</source>
        <translation>Manage roles</translation>
    </message>
    <message>
        <source>管理设置</source>
        <translation>Manage settings</translation>
    </message>
    <message>
        <source>管理字典</source>
        <translation>Manage dictionaries</translation>
    </message>
    <message>
        <source>经营看板与画像</source>
        <translation>Dashboard and profiles</translation>
    </message>
    <message>
        <source>管理共享分群</source>
        <translation>Manage shared segments</translation>
    </message>
    <message>
        <source>管理标签</source>
        <translation>Manage tags</translation>
    </message>
    <message>
        <source>查看联系人</source>
        <translation>View contacts</translation>
    </message>
    <message>
        <source>编辑联系人</source>
        <translation>Edit contacts</translation>
    </message>
    <message>
        <source>查看完整电话邮箱</source>
        <translation>See full phone numbers and e-mails</translation>
    </message>
    <message>
        <source>查看跟进</source>
        <translation>View follow-ups</translation>
    </message>
    <message>
        <source>记录跟进</source>
        <translation>Record follow-ups</translation>
    </message>
    <message>
        <source>执行催款</source>
        <translation>Run dunning</translation>
    </message>
    <message>
        <source>设置催款级别</source>
        <translation>Set dunning levels</translation>
    </message>
    <message>
        <source>查看工单</source>
        <translation>View work orders</translation>
    </message>
    <message>
        <source>处理工单</source>
        <translation>Handle work orders</translation>
    </message>
    <message>
        <source>管理自动化规则</source>
        <translation>Manage automation rules</translation>
    </message>
    <message>
        <source>运行定时任务</source>
        <translation>Run scheduled jobs</translation>
    </message>
    <message>
        <source>查看数据使用记录</source>
        <translation>View the data-use log</translation>
    </message>
    <message>
        <source>审批导出</source>
        <translation>Export decision</translation>
    </message>
    <message>
        <source>管理字段权限</source>
        <translation>Manage field permissions</translation>
    </message>
    <message>
        <source>管理数据库密钥</source>
        <translation>Manage database keys</translation>
    </message>
    <message>
        <source>按模块</source>
        <translation>By area</translation>
    </message>
    <message>
        <source>%1 · %2（%3）</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <source>特殊权限</source>
        <translation>Special permissions</translation>
    </message>
    <message>
        <source>仅限自己客户的角色不能拥有管理类权限（用户、角色、设置、审计、字典）。</source>
        <translation>A role limited to its own customers cannot hold administration permissions (users, roles, settings, audit, dictionaries).</translation>
    </message>
</context>
<context>
    <name>RolesScreen</name>
    <message>
        <source>新建角色</source>
        <translation>New role</translation>
    </message>
    <message>
        <source>删除角色</source>
        <translation>Delete role</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>如 finance_viewer</source>
        <translation>e.g. finance_viewer</translation>
    </message>
    <message>
        <source>如 财务只读</source>
        <translation>e.g. Finance (read only)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>放弃更改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>重新加载</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>角色名</source>
        <translation>Role name</translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>客户范围</source>
        <translation>Customer scope</translation>
    </message>
    <message>
        <source>当前角色有未保存的更改，要放弃吗？</source>
        <translation>This role has unsaved changes. Discard them?</translation>
    </message>
    <message>
        <source>选择左侧的角色查看或编辑其权限</source>
        <translation>Select a role on the left to see or edit its permissions</translation>
    </message>
    <message>
        <source>内置角色</source>
        <translation>Built-in role</translation>
    </message>
    <message>
        <source>自定义角色</source>
        <translation>Custom role</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>内置角色不能改名</source>
        <translation>A built-in role cannot be renamed</translation>
    </message>
    <message>
        <source>内置角色的客户范围不能修改</source>
        <translation>A built-in role keeps its customer scope</translation>
    </message>
    <message>
        <source>%1 个用户使用此角色 · 数据库组 %2</source>
        <translation>%1 users hold this role · database group %2</translation>
    </message>
    <message>
        <source>名称只用小写字母、数字和下划线；显示名称可用中文。</source>
        <translation>The name uses lower-case letters, digits and underscores only; the display name may be Chinese.</translation>
    </message>
    <message>
        <source>内置角色不能删除</source>
        <translation>A built-in role cannot be deleted</translation>
    </message>
    <message>
        <source>请填写角色名和显示名称。</source>
        <translation>Enter a role name and a display name.</translation>
    </message>
    <message>
        <source>已保存角色“%1”。</source>
        <translation>Role “%1” saved.</translation>
    </message>
    <message>
        <source>有 %1 个用户使用角色“%2”，请先为他们改用其他角色，再删除。</source>
        <translation>%1 users hold the role “%2”; give them another role before you delete it.</translation>
    </message>
    <message>
        <source>删除角色“%1”？此操作会记入审计日志。</source>
        <translation>Delete the role “%1”? This is recorded in the audit log.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>印在每张账单（PDF）上，留空的项不打印。</source>
        <translation>Printed on every bill (PDF); fields left empty are not printed.</translation>
    </message>
    <message>
        <source>桌面客户端在这么多分钟没有键盘或鼠标操作后锁定，须重新输入密码。对所有用户生效。</source>
        <translation>The desktop client locks after this many minutes without keyboard or mouse activity; the password must then be entered again. Applies to all users.</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>修改设置</source>
        <translation>Change setting</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>恢复默认值</source>
        <translation>Restore default</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>After</translation>
    </message>
    <message>
        <source>每项更改都会记入审计日志。</source>
        <translation>Every change is recorded in the audit log.</translation>
    </message>
    <message>
        <source>选择上方的一项设置</source>
        <translation>Select a setting above</translation>
    </message>
    <message>
        <source>最多 %1 字，可留空</source>
        <translation>Up to %1 characters; optional</translation>
    </message>
    <message>
        <source>范围 %1 – %2，默认 %3</source>
        <translation>Range %1 – %2, default %3</translation>
    </message>
    <message>
        <source>您只能查看设置；修改需要“管理设置”权限。</source>
        <translation>You can only view the settings; changing them needs the “Manage settings” permission.</translation>
    </message>
    <message>
        <source>已保存：%1 = %2</source>
        <translation>Saved: %1 = %2</translation>
    </message>
    <message>
        <source>此设置在您打开后已被他人修改，已重新加载最新值。</source>
        <translation>Someone else changed this setting after you opened it; the latest value was reloaded.</translation>
    </message>
</context>
<context>
    <name>security</name>
    <message>
        <source>全部客户</source>
        <translation>All customers</translation>
    </message>
    <message>
        <source>仅自己负责的客户</source>
        <translation>Only their own customers</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>开具</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>核销</source>
        <translation>Allocate</translation>
    </message>
    <message>
        <source>取消核销</source>
        <translation>Unallocate</translation>
    </message>
    <message>
        <source>修正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>对象ID</source>
        <translation>Object ID</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Export of</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>有</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>无</source>
        <translation>No</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>After</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>显示完整信息</source>
        <translation>Reveal</translation>
    </message>
    <message>
        <source>运行报表</source>
        <translation>Report run</translation>
    </message>
    <message>
        <source>异常提醒</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>申请导出</source>
        <translation>Request export</translation>
    </message>
    <message>
        <source>审批导出</source>
        <translation>Export decision</translation>
    </message>
    <message>
        <source>按审批导出</source>
        <translation>Approved export</translation>
    </message>
    <message>
        <source>客户详情</source>
        <translation>Customer detail</translation>
    </message>
    <message>
        <source>客户表</source>
        <translation>Customer sheet</translation>
    </message>
    <message>
        <source>客户列表</source>
        <translation>Customer list</translation>
    </message>
    <message>
        <source>账龄分析</source>
        <translation>AR aging</translation>
    </message>
    <message>
        <source>结算状态</source>
        <translation>Settlement status</translation>
    </message>
    <message>
        <source>月度收款</source>
        <translation>Receipts by month</translation>
    </message>
    <message>
        <source>数据使用报告</source>
        <translation>Data-use report</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>多次登录失败</source>
        <translation>Failed logins</translation>
    </message>
    <message>
        <source>突发大量访问</source>
        <translation>Burst of access</translation>
    </message>
    <message>
        <source>非工作时间登录</source>
        <translation>Login outside hours</translation>
    </message>
    <message>
        <source>用量</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>价格方案</source>
        <translation>Price plan</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>账单列表</source>
        <translation>Bill list</translation>
    </message>
    <message>
        <source>看板数据</source>
        <translation>Dashboard data</translation>
    </message>
    <message>
        <source>账单生成预览</source>
        <translation>Bill run preview</translation>
    </message>
    <message>
        <source>分群成员</source>
        <translation>Segment members</translation>
    </message>
    <message>
        <source>价格沙盘</source>
        <translation>Pricing sandbox</translation>
    </message>
    <message>
        <source>隐藏</source>
        <translation>Hidden</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>可编辑</source>
        <translation>Editable</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>运营</source>
        <translation>Operations</translation>
    </message>
    <message>
        <source>销售</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>经理</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>账单</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>账单明细</source>
        <translation>Invoice line</translation>
    </message>
    <message>
        <source>冲正单</source>
        <translation>Credit note</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>用量订单</source>
        <translation>Usage order</translation>
    </message>
    <message>
        <source>月度用量</source>
        <translation>Monthly usage</translation>
    </message>
    <message>
        <source>保存的筛选</source>
        <translation>Saved filter</translation>
    </message>
    <message>
        <source>负责人映射</source>
        <translation>Owner mapping</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>客户导出</source>
        <translation>Customer export</translation>
    </message>
    <message>
        <source>客户表导出</source>
        <translation>Customer sheet export</translation>
    </message>
    <message>
        <source>客户批量修改</source>
        <translation>Customer batch edit</translation>
    </message>
    <message>
        <source>出账</source>
        <translation>Bill run</translation>
    </message>
    <message>
        <source>数据库权限</source>
        <translation>Database security</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>客户范围</source>
        <translation>Customer scope</translation>
    </message>
    <message>
        <source>权限</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>角色名</source>
        <translation>Role name</translation>
    </message>
    <message>
        <source>用户数</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>角色名“%1”已被使用。</source>
        <translation>The role name "%1" is already in use.</translation>
    </message>
    <message>
        <source>角色名须为 2 到 40 个小写字母、数字或下划线，并以字母开头。</source>
        <translation>A role name is 2 to 40 lowercase letters, digits or underscores, starting with a letter.</translation>
    </message>
    <message>
        <source>显示名称须为 1 到 80 个字符。</source>
        <translation>The display name must be 1 to 80 characters.</translation>
    </message>
    <message>
        <source>此角色在您打开后已被他人修改。请点“重新加载”查看最新内容，再重新编辑。</source>
        <translation>Someone else changed this role after you opened it. Click "Reload" to see the latest version, then edit again.</translation>
    </message>
    <message>
        <source>最多 %1 字</source>
        <translation>Up to %1 characters</translation>
    </message>
    <message>
        <source>当前值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>默认值</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>允许范围</source>
        <translation>Allowed range</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>已修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>键</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>最多 %1 个字符。</source>
        <translation>At most %1 characters.</translation>
    </message>
    <message>
        <source>请输入 %1 到 %2 之间的整数。</source>
        <translation>Enter a whole number from %1 to %2.</translation>
    </message>
    <message>
        <source>导出需要审批</source>
        <translation>Export needs approval</translation>
    </message>
    <message>
        <source>导出申请</source>
        <translation>Export request</translation>
    </message>
</context>
</TS>
