<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AssignOwnersDialog</name>
    <message>
        <source>指定%1</source>
        <translation>Assign %1</translation>
    </message>
    <message>
        <source>替换现有的%1</source>
        <translation>Replace the current %1</translation>
    </message>
    <message>
        <source>追加，保留现有的</source>
        <translation>Add, keep the current ones</translation>
    </message>
    <message>
        <source>应用到 %1 个客户</source>
        <translation>Apply to %1 customers</translation>
    </message>
</context>
<context>
    <name>BatchActions</name>
    <message>
        <source>指定销售负责人…</source>
        <translation>Assign sales owner…</translation>
    </message>
    <message>
        <source>指定运营负责人…</source>
        <translation>Assign ops owner…</translation>
    </message>
    <message>
        <source>修改合作状态…</source>
        <translation>Change cooperation status…</translation>
    </message>
    <message>
        <source>停用所选客户</source>
        <translation>Disable selected customers</translation>
    </message>
    <message>
        <source>启用所选客户</source>
        <translation>Enable selected customers</translation>
    </message>
    <message>
        <source>批量修改客户</source>
        <translation>Change customers in bulk</translation>
    </message>
    <message>
        <source>批量操作</source>
        <translation>Bulk actions</translation>
    </message>
    <message>
        <source>请先在列表中选择客户。</source>
        <translation>Select customers in the list first.</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>%1客户</source>
        <translation>%1 customers</translation>
    </message>
    <message>
        <source>%1所选的 %2 个客户吗？</source>
        <translation>%1 the %2 selected customers?</translation>
    </message>
    <message>
        <source>已修改 %1 个客户，%2 个本来如此</source>
        <translation>%1 customers changed, %2 already so</translation>
    </message>
    <message>
        <source>已修改 %1 个客户</source>
        <translation>%1 customers changed</translation>
    </message>
</context>
<context>
    <name>CoopStatusDialog</name>
    <message>
        <source>修改合作状态</source>
        <translation>Change cooperation status</translation>
    </message>
    <message>
        <source>（清空）</source>
        <translation>(clear)</translation>
    </message>
    <message>
        <source>可选：合作状态原文</source>
        <translation>Optional: cooperation status text</translation>
    </message>
    <message>
        <source>应用到 %1 个客户</source>
        <translation>Apply to %1 customers</translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation>Cooperation status</translation>
    </message>
    <message>
        <source>原文</source>
        <translation>Original text</translation>
    </message>
</context>
<context>
    <name>CustomerDetailDialog</name>
    <message>
        <source>客户详情</source>
        <translation>Customer details</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>资料</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>加载客户</source>
        <translation>Load customer</translation>
    </message>
    <message>
        <source>公司id %1 · 版本 %2</source>
        <translation>Company ID %1 · version %2</translation>
    </message>
    <message>
        <source> · 最后修改 %1</source>
        <translation> · last changed %1</translation>
    </message>
    <message>
        <source> · 只读（您没有编辑客户的权限）</source>
        <translation> · read-only (you may not edit customers)</translation>
    </message>
    <message>
        <source>历史（%1）</source>
        <translation>History (%1)</translation>
    </message>
    <message>
        <source>保存客户</source>
        <translation>Save customer</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>此客户已被他人修改：保存前请选择重新加载或覆盖。</source>
        <translation>Someone else changed this customer: reload or overwrite before saving.</translation>
    </message>
    <message>
        <source>数据已被他人修改</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>您打开此客户后，已有其他人保存了修改。</source>
        <translation>Someone else saved changes after you opened this customer.</translation>
    </message>
    <message>
        <source>重新加载将放弃您的修改；覆盖将用您的内容替换对方的修改。</source>
        <translation>Reload discards your changes; overwrite replaces theirs with yours.</translation>
    </message>
    <message>
        <source>重新加载（放弃我的修改）</source>
        <translation>Reload (discard my changes)</translation>
    </message>
    <message>
        <source>覆盖保存</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <source>继续编辑</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>CustomerTableView</name>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>选中的行太多（%1 行），请使用“导出当前视图”。</source>
        <translation>Too many rows selected (%1): use "Export current view".</translation>
    </message>
    <message>
        <source>正在复制…</source>
        <translation>Copying…</translation>
    </message>
</context>
<context>
    <name>CustomerTexts</name>
    <message>
        <source>公司id</source>
        <translation>Company ID</translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>账号类型</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>账号类型原文</source>
        <translation>Account type (sheet text)</translation>
    </message>
    <message>
        <source>行业类型</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>所属ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>接入时间</source>
        <translation>Onboarded</translation>
    </message>
    <message>
        <source>接入时间原文</source>
        <translation>Onboarded (sheet text)</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>销售负责人</source>
        <translation>Sales owner</translation>
    </message>
    <message>
        <source>运营负责人</source>
        <translation>Ops owner</translation>
    </message>
    <message>
        <source>销售负责人原文</source>
        <translation>Sales owner (sheet text)</translation>
    </message>
    <message>
        <source>运营负责人原文</source>
        <translation>Ops owner (sheet text)</translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation>Cooperation status</translation>
    </message>
    <message>
        <source>状态归类</source>
        <translation>Status meaning</translation>
    </message>
    <message>
        <source>合作状态原文</source>
        <translation>Cooperation status (sheet text)</translation>
    </message>
    <message>
        <source>合作备注</source>
        <translation>Cooperation note</translation>
    </message>
    <message>
        <source>是否结算</source>
        <translation>Billed</translation>
    </message>
    <message>
        <source>是否停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>结算方式</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>结算方式原文</source>
        <translation>Settlement (sheet text)</translation>
    </message>
    <message>
        <source>单层定价</source>
        <translation>Single-floor price</translation>
    </message>
    <message>
        <source>多层定价</source>
        <translation>Multi-floor price</translation>
    </message>
    <message>
        <source>客户消费等级</source>
        <translation>Consumption tier</translation>
    </message>
    <message>
        <source>月均拍摄量</source>
        <translation>Avg. monthly shoots</translation>
    </message>
    <message>
        <source>账期(天)</source>
        <translation>Payment terms (days)</translation>
    </message>
    <message>
        <source>拼音首字母</source>
        <translation>Pinyin initials</translation>
    </message>
    <message>
        <source>拼音</source>
        <translation>Pinyin</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>未停用</source>
        <translation>Not disabled</translation>
    </message>
    <message>
        <source>消费等级</source>
        <translation>Tier</translation>
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
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Excel行</source>
        <translation>Excel row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>变更的列</source>
        <translation>Changed columns</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>有警告</source>
        <translation>With warnings</translation>
    </message>
    <message>
        <source>新增客户</source>
        <translation>New customers</translation>
    </message>
    <message>
        <source>更新客户</source>
        <translation>Updated customers</translation>
    </message>
    <message>
        <source>拒绝的行</source>
        <translation>Rejected rows</translation>
    </message>
    <message>
        <source>有警告的行</source>
        <translation>Rows with warnings</translation>
    </message>
    <message>
        <source>新建价格方案</source>
        <translation>Price plans created</translation>
    </message>
    <message>
        <source>结束的价格方案</source>
        <translation>Price plans ended</translation>
    </message>
    <message>
        <source>已保存的筛选…</source>
        <translation>Saved filters…</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
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
        <source>正式</source>
        <translation>Regular</translation>
    </message>
    <message>
        <source>众趣内部</source>
        <translation>Internal</translation>
    </message>
    <message>
        <source>客户测试账号</source>
        <translation>Customer test account</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>定价结算</source>
        <translation>Priced</translation>
    </message>
    <message>
        <source>包年套餐</source>
        <translation>Annual package</translation>
    </message>
    <message>
        <source>包年限量套餐</source>
        <translation>Annual quota package</translation>
    </message>
    <message>
        <source>正常合作</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>休眠</source>
        <translation>Dormant</translation>
    </message>
    <message>
        <source>商务/试用</source>
        <translation>Trial</translation>
    </message>
    <message>
        <source>终止合作</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <source>分群</source>
        <translation>Segment</translation>
    </message>
</context>
<context>
    <name>CustomersScreen</name>
    <message>
        <source>已复制 %1 行</source>
        <translation>%1 rows copied</translation>
    </message>
    <message>
        <source>搜索：公司id、名称、拼音首字母</source>
        <translation>Search: Company ID, name, pinyin initials</translation>
    </message>
    <message>
        <source>按公司id、名称或拼音首字母搜索（Ctrl+F）</source>
        <translation>Search by Company ID, name or pinyin initials (Ctrl+F)</translation>
    </message>
    <message>
        <source>批量操作</source>
        <translation>Bulk actions</translation>
    </message>
    <message>
        <source>导入客户表…</source>
        <translation>&amp;Import customer sheet…</translation>
    </message>
    <message>
        <source>导出当前视图…</source>
        <translation>&amp;Export current view…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>“%1”列不能排序</source>
        <translation>The "%1" column cannot be sorted</translation>
    </message>
    <message>
        <source>共 %1+ 个客户</source>
        <translation>%1+ customers</translation>
    </message>
    <message>
        <source>共 %1 个客户</source>
        <translation>%1 customers</translation>
    </message>
    <message>
        <source>还没有客户，可以用“导入客户表…”导入。</source>
        <translation>No customers yet: use "Import customer sheet…".</translation>
    </message>
    <message>
        <source>没有符合条件的客户。</source>
        <translation>No customers match.</translation>
    </message>
    <message>
        <source>已选 %1 个</source>
        <translation>%1 selected</translation>
    </message>
    <message>
        <source>这一列不能按值筛选</source>
        <translation>This column cannot be filtered by value</translation>
    </message>
    <message>
        <source>导出当前视图</source>
        <translation>Export current view</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出客户…</source>
        <translation>Exporting customers…</translation>
    </message>
    <message>
        <source>已导出 %1 个客户到 %2</source>
        <translation>%1 customers exported to %2</translation>
    </message>
</context>
<context>
    <name>DetailForm</name>
    <message>
        <source>如 2025-H1</source>
        <translation>e.g. 2025-H1</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Prices</translation>
    </message>
    <message>
        <source>归类：%1</source>
        <translation>Meaning: %1</translation>
    </message>
    <message>
        <source>单层 %1 · 多层 %2（在价格方案中修改）</source>
        <translation>Single-floor %1 · multi-floor %2 (change in Price plans)</translation>
    </message>
    <message>
        <source>未对应到人员：%1</source>
        <translation>Not linked to a user: %1</translation>
    </message>
    <message>
        <source>表格原文：%1</source>
        <translation>Sheet text: %1</translation>
    </message>
</context>
<context>
    <name>DictionaryScreen</name>
    <message>
        <source>合作状态</source>
        <translation>Cooperation status</translation>
    </message>
    <message>
        <source>行业类型</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>所属ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>状态归类</source>
        <translation>Status meaning</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>客户数</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>正常合作</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>休眠</source>
        <translation>Dormant</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>商务/试用</source>
        <translation>Trial</translation>
    </message>
    <message>
        <source>终止合作</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <source>（未归类）</source>
        <translation>(no meaning)</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>新增…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>改名…</source>
        <translation>&amp;Rename…</translation>
    </message>
    <message>
        <source>设为此归类</source>
        <translation>Set meaning</translation>
    </message>
    <message>
        <source>归类</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <source>字典</source>
        <translation>Dictionary</translation>
    </message>
    <message>
        <source>停用的字典项不再供选择，已使用它的客户保持不变。合作状态的归类决定筛选“状态归类”和账单规则看到的含义。</source>
        <translation>A disabled entry is no longer offered; customers that hold it keep it. A cooperation status's meaning is what the "Status meaning" filter and the billing rules see.</translation>
    </message>
    <message>
        <source>新增字典项</source>
        <translation>Add entry</translation>
    </message>
    <message>
        <source>已新增“%1”。</source>
        <translation>Added "%1".</translation>
    </message>
    <message>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>已改名为“%1”。</source>
        <translation>Renamed to "%1".</translation>
    </message>
    <message>
        <source>已停用“%1”。</source>
        <translation>Disabled "%1".</translation>
    </message>
    <message>
        <source>已启用“%1”。</source>
        <translation>Enabled "%1".</translation>
    </message>
    <message>
        <source>已更新“%1”的归类。</source>
        <translation>Meaning of "%1" updated.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>选择客户表</source>
        <translation>Choose the customer sheet</translation>
    </message>
    <message>
        <source>选择要导入的 .xlsx 文件。下一步先试运行检查，确认后才会写入。</source>
        <translation>Choose the .xlsx file to import. The next step is a dry run; nothing is written until you confirm.</translation>
    </message>
    <message>
        <source>客户表 .xlsx 文件</source>
        <translation>Customer sheet .xlsx file</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>表中的单层/多层定价从这一天起生效（新的价格方案）；默认是本月第一天。</source>
        <translation>The sheet's single/multi-floor prices take effect from this day (new price plans); default: the first day of this month.</translation>
    </message>
    <message>
        <source>以表格为准：覆盖在软件里修改过的字段</source>
        <translation>Sheet wins: overwrite fields edited in the app</translation>
    </message>
    <message>
        <source>不勾选时，上次导入后在软件里修改过的字段保留软件里的值，并在试运行中列为冲突（表格值与软件值）。</source>
        <translation>Unchecked: fields edited in the app since the last import keep the app's value and the dry run lists them as conflicts (sheet vs app).</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>价格生效日期</source>
        <translation>Prices effective from</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入客户表</source>
        <translation>Import customer sheet</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NewOwnerUserDialog</name>
    <message>
        <source>为“%1”新建用户</source>
        <translation>New user for "%1"</translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>OwnerDialog</name>
    <message>
        <source>选择%1</source>
        <translation>Choose %1</translation>
    </message>
</context>
<context>
    <name>OwnerField</name>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>表格中的名字尚未对应到人员：%1。选择人员后这些名字会被替换。</source>
        <translation>Names from the sheet not linked to a user yet: %1. Choosing users replaces them.</translation>
    </message>
</context>
<context>
    <name>OwnerList</name>
    <message>
        <source>查找人员</source>
        <translation>Find a user</translation>
    </message>
</context>
<context>
    <name>OwnerMapping</name>
    <message>
        <source>表中名称</source>
        <translation>Name in sheet</translation>
    </message>
    <message>
        <source>销售负责人客户数</source>
        <translation>As sales owner</translation>
    </message>
    <message>
        <source>运营负责人客户数</source>
        <translation>As ops owner</translation>
    </message>
</context>
<context>
    <name>OwnerMappingScreen</name>
    <message>
        <source>客户表中的负责人名称还没有对应用户时，相应销售看不到这些客户。把名称对应到已有用户，或为其新建用户。</source>
        <translation>While an owner name from the customer sheet is not linked to a user, that salesperson cannot see those customers. Link each name to an existing user or create a user for it.</translation>
    </message>
    <message>
        <source>对应到此用户</source>
        <translation>&amp;Link to this user</translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation>&amp;New user…</translation>
    </message>
    <message>
        <source>不是人员</source>
        <translation>Not a &amp;person</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>%1 个名称尚未对应用户</source>
        <translation>%1 names not linked to a user</translation>
    </message>
    <message>
        <source>所有负责人名称都已对应。</source>
        <translation>All owner names are linked.</translation>
    </message>
    <message>
        <source>“%1”已对应，更新了 %2 条负责人记录。</source>
        <translation>"%1" linked; %2 owner records updated.</translation>
    </message>
    <message>
        <source>销售</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>已新建用户 %1，关联了 %2 个客户。</source>
        <translation>User %1 created and linked to %2 customers.</translation>
    </message>
</context>
<context>
    <name>OwnerPicker</name>
    <message>
        <source>销售负责人</source>
        <translation>Sales owner</translation>
    </message>
    <message>
        <source>运营负责人</source>
        <translation>Ops owner</translation>
    </message>
</context>
<context>
    <name>OwnersPage</name>
    <message>
        <source>对应负责人</source>
        <translation>Link owners</translation>
    </message>
    <message>
        <source>这些名字没有对应到任何人员。为每个名字选择一位人员，或标为“不是人员/忽略”（例如渠道名）。选择会被记住，下次导入自动使用。</source>
        <translation>These names match no user. Choose a user for each, or mark it "Not a person / ignore" (e.g. a channel). Your choices are remembered for the next import.</translation>
    </message>
    <message>
        <source>表格中的名字</source>
        <translation>Name in sheet</translation>
    </message>
    <message>
        <source>用作</source>
        <translation>Used as</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>对应到</source>
        <translation>Link to</translation>
    </message>
    <message>
        <source>正在加载人员…</source>
        <translation>Loading users…</translation>
    </message>
    <message>
        <source>不是人员/忽略</source>
        <translation>Not a person / ignore</translation>
    </message>
    <message>
        <source>暂不处理</source>
        <translation>Decide later</translation>
    </message>
    <message>
        <source>“暂不处理”的名字照原样保留在客户上，以后可在此再次对应。</source>
        <translation>Names left for later stay on the customers as they are; you can link them here later.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>试运行：逐行比较文件与数据库，尚未写入任何数据。</source>
        <translation>Dry run: each row compared with the database; nothing written yet.</translation>
    </message>
    <message>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>共 %1 行：新增 %2，更新 %3，未变 %4，拒绝 %5；%6 行有警告。%7</source>
        <translation>%1 rows: %2 new, %3 updated, %4 unchanged, %5 rejected; %6 rows with warnings. %7</translation>
    </message>
    <message>
        <source>有 %1 个负责人名字还没有对应到人员，下一步处理。</source>
        <translation>%1 owner names are not linked to a user yet: next step.</translation>
    </message>
    <message>
        <source>%1 个在软件里修改过的字段与表格不同，将以表格为准覆盖（见各行警告）。</source>
        <translation>%1 fields edited in the app differ from the sheet and will be overwritten (sheet wins; see the row warnings).</translation>
    </message>
    <message>
        <source>%1 个在软件里修改过的字段与表格不同，保留软件里的值（见各行警告）。</source>
        <translation>%1 fields edited in the app differ from the sheet; the app's values are kept (see the row warnings).</translation>
    </message>
    <message>
        <source>文件说明：</source>
        <translation>About the file: </translation>
    </message>
    <message>
        <source>检查已取消。</source>
        <translation>Check cancelled.</translation>
    </message>
    <message>
        <source>无法检查此文件：%1</source>
        <translation>Cannot check this file: %1</translation>
    </message>
</context>
<context>
    <name>SavedFiltersBar</name>
    <message>
        <source>选择一个已保存的筛选</source>
        <translation>Choose a saved filter</translation>
    </message>
    <message>
        <source>保存筛选…</source>
        <translation>Save filter…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除选中的已保存筛选</source>
        <translation>Delete the selected saved filter</translation>
    </message>
    <message>
        <source>（无法读取）</source>
        <translation>(unreadable)</translation>
    </message>
    <message>
        <source>保存筛选</source>
        <translation>Save filter</translation>
    </message>
    <message>
        <source>名称（同名的筛选会被替换）：</source>
        <translation>Name (a filter of the same name is replaced):</translation>
    </message>
    <message>
        <source>删除筛选</source>
        <translation>Delete filter</translation>
    </message>
    <message>
        <source>删除已保存的筛选“%1”吗？</source>
        <translation>Delete the saved filter "%1"?</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>写入数据库；完成前可以取消，取消后数据库保持原样。</source>
        <translation>Writing to the database; you can cancel until it finishes and the database stays as it was.</translation>
    </message>
    <message>
        <source>保存错误报告…</source>
        <translation>Save error report…</translation>
    </message>
    <message>
        <source>重新导入</source>
        <translation>Import again</translation>
    </message>
    <message>
        <source>正在导入，完成前不会写入任何数据；取消则数据库保持原样。</source>
        <translation>Importing: nothing is written until it finishes; cancel and the database stays as it was.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>数据已写入。可以保存有错误或警告的行，修改后再次导入。</source>
        <translation>Data written. You can save the rows with errors or warnings, fix them and import again.</translation>
    </message>
    <message>
        <source>已导入 %1（工作表“%2”），价格生效日期 %3，用时 %4 秒。</source>
        <translation>Imported %1 (sheet "%2"), prices from %3, in %4 s.</translation>
    </message>
    <message>
        <source>新增字典项：%1</source>
        <translation>New dictionary entries: %1</translation>
    </message>
    <message>
        <source>仍未对应到人员的负责人名字：%1</source>
        <translation>Owner names still not linked to a user: %1</translation>
    </message>
    <message>
        <source>导入已取消，数据库保持原样。</source>
        <translation>Import cancelled; the database is as it was.</translation>
    </message>
    <message>
        <source>导入失败，数据库保持原样。</source>
        <translation>Import failed; the database is as it was.</translation>
    </message>
    <message>
        <source>保存错误报告</source>
        <translation>Save error report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在保存错误报告…</source>
        <translation>Saving error report…</translation>
    </message>
    <message>
        <source>已保存 %1 行到 %2</source>
        <translation>%1 rows saved to %2</translation>
    </message>
</context>
</TS>
