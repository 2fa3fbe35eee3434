<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AssignOwnersDialog</name>
    <message>
        <source>指定%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>替换现有的%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>追加，保留现有的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应用到 %1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchActions</name>
    <message>
        <source>指定销售负责人…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指定运营负责人…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改合作状态…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用所选客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用所选客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量修改客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在列表中选择客户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1所选的 %2 个客户吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已修改 %1 个客户，%2 个本来如此</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已修改 %1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoopStatusDialog</name>
    <message>
        <source>修改合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（清空）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可选：合作状态原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应用到 %1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原文</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDetailDialog</name>
    <message>
        <source>客户详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>资料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>历史</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加载客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司id %1 · 版本 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · 最后修改 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · 只读（您没有编辑客户的权限）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>历史（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此客户已被他人修改：保存前请选择重新加载或覆盖。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据已被他人修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您打开此客户后，已有其他人保存了修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新加载将放弃您的修改；覆盖将用您的内容替换对方的修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新加载（放弃我的修改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>覆盖保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续编辑</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerTableView</name>
    <message>
        <source>复制</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中的行太多（%1 行），请使用“导出当前视图”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在复制…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerTexts</name>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账号类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账号类型原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行业类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所属ERP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接入时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接入时间原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运营负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售负责人原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运营负责人原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态归类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合作状态原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合作备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是否结算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是否停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结算方式原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单层定价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层定价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户消费等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月均拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期(天)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拼音</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>消费等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>变更的列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未变</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有警告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拒绝的行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有警告的行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束的价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存的筛选…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>众趣内部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户测试账号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>定价结算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包年套餐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包年限量套餐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正常合作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>休眠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>商务/试用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>终止合作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分群</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersScreen</name>
    <message>
        <source>已复制 %1 行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索：公司id、名称、拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按公司id、名称或拼音首字母搜索（Ctrl+F）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入客户表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出当前视图…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”列不能排序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1+ 个客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还没有客户，可以用“导入客户表…”导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有符合条件的客户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已选 %1 个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这一列不能按值筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出当前视图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出客户…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 个客户到 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailForm</name>
    <message>
        <source>如 2025-H1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归类：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单层 %1 · 多层 %2（在价格方案中修改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未对应到人员：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格原文：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DictionaryScreen</name>
    <message>
        <source>合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行业类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所属ERP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态归类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正常合作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>休眠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>商务/试用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>终止合作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未归类）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改名…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设为此归类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>字典</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用的字典项不再供选择，已使用它的客户保持不变。合作状态的归类决定筛选“状态归类”和账单规则看到的含义。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增字典项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已新增“%1”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已改名为“%1”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用“%1”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已启用“%1”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已更新“%1”的归类。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>选择客户表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要导入的 .xlsx 文件。下一步先试运行检查，确认后才会写入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户表 .xlsx 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表中的单层/多层定价从这一天起生效（新的价格方案）；默认是本月第一天。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以表格为准：覆盖在软件里修改过的字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不勾选时，上次导入后在软件里修改过的字段保留软件里的值，并在试运行中列为冲突（表格值与软件值）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格生效日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>清除筛选</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入客户表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewOwnerUserDialog</name>
    <message>
        <source>为“%1”新建用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerDialog</name>
    <message>
        <source>选择%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerField</name>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格中的名字尚未对应到人员：%1。选择人员后这些名字会被替换。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerList</name>
    <message>
        <source>查找人员</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerMapping</name>
    <message>
        <source>表中名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售负责人客户数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运营负责人客户数</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerMappingScreen</name>
    <message>
        <source>客户表中的负责人名称还没有对应用户时，相应销售看不到这些客户。把名称对应到已有用户，或为其新建用户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对应到此用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不是人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 个名称尚未对应用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所有负责人名称都已对应。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”已对应，更新了 %2 条负责人记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已新建用户 %1，关联了 %2 个客户。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerPicker</name>
    <message>
        <source>销售负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运营负责人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnersPage</name>
    <message>
        <source>对应负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这些名字没有对应到任何人员。为每个名字选择一位人员，或标为“不是人员/忽略”（例如渠道名）。选择会被记住，下次导入自动使用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格中的名字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对应到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载人员…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不是人员/忽略</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂不处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“暂不处理”的名字照原样保留在客户上，以后可在此再次对应。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>检查结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>试运行：逐行比较文件与数据库，尚未写入任何数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 行：新增 %2，更新 %3，未变 %4，拒绝 %5；%6 行有警告。%7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有 %1 个负责人名字还没有对应到人员，下一步处理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 个在软件里修改过的字段与表格不同，将以表格为准覆盖（见各行警告）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 个在软件里修改过的字段与表格不同，保留软件里的值（见各行警告）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件说明：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查已取消。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法检查此文件：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedFiltersBar</name>
    <message>
        <source>选择一个已保存的筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存筛选…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除选中的已保存筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无法读取）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称（同名的筛选会被替换）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除已保存的筛选“%1”吗？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>写入数据库；完成前可以取消，取消后数据库保持原样。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存错误报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入，完成前不会写入任何数据；取消则数据库保持原样。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据已写入。可以保存有错误或警告的行，修改后再次导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入 %1（工作表“%2”），价格生效日期 %3，用时 %4 秒。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增字典项：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仍未对应到人员的负责人名字：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入已取消，数据库保持原样。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入失败，数据库保持原样。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存错误报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在保存错误报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存 %1 行到 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
