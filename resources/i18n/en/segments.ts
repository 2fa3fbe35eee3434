<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ConditionEditor</name>
    <message>
        <source>字段 / 条件组</source>
        <translation>Field / group</translation>
    </message>
    <message>
        <source>运算</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>添加条件</source>
        <translation>Add condition</translation>
    </message>
    <message>
        <source>添加条件组</source>
        <translation>Add group</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
</context>
<context>
    <name>SandboxScreen</name>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>调价</source>
        <translation>Change prices</translation>
    </message>
    <message>
        <source>新方案</source>
        <translation>New plan</translation>
    </message>
    <message>
        <source>价格或阶梯</source>
        <translation>Price or tiers</translation>
    </message>
    <message>
        <source>单价、每平方米价格或年费；阶梯写作 0-1000:10; 1000+:8</source>
        <translation>Unit price, price per m² or annual fee; tiers are written 0-1000:10; 1000+:8</translation>
    </message>
    <message>
        <source>计算</source>
        <translation>Compute</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>最近</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>按最近几个完整月份的实际用量，用与月结账单相同的计价规则计算；不保存任何数据。</source>
        <translation>Priced over the actual usage of the last complete months with the same rules as the monthly bill run; nothing is saved.</translation>
    </message>
    <message>
        <source>全部可见客户</source>
        <translation>All visible customers</translation>
    </message>
    <message>
        <source>正在计算沙盒…</source>
        <translation>Computing the sandbox…</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>%1 至 %2：现行 %3 元，新方案 %4 元，差额 %5 元</source>
        <translation>%1 to %2: current %3 yuan, new %4 yuan, difference %5 yuan</translation>
    </message>
    <message>
        <source>有 %1 次拍摄现在没有价格方案，未计入金额。</source>
        <translation>%1 shoots have no price plan today and are not counted as money.</translation>
    </message>
    <message>
        <source>导出沙盒结果</source>
        <translation>Export the sandbox result</translation>
    </message>
    <message>
        <source>结算沙盒.xlsx</source>
        <translation>pricing-sandbox.xlsx</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 行</source>
        <translation>%1 rows exported</translation>
    </message>
</context>
<context>
    <name>SaveSegmentDialog</name>
    <message>
        <source>保存分群</source>
        <translation>Save segment</translation>
    </message>
    <message>
        <source>动态（打开时重新计算）</source>
        <translation>Dynamic (evaluated when opened)</translation>
    </message>
    <message>
        <source>静态（冻结今天的成员）</source>
        <translation>Static (freeze today's members)</translation>
    </message>
    <message>
        <source>共享给所有人</source>
        <translation>Share with everyone</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
</context>
<context>
    <name>SegmentBuilderScreen</name>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>已保存的分群</source>
        <translation>Saved segments</translation>
    </message>
    <message>
        <source>保存分群…</source>
        <translation>Save segment…</translation>
    </message>
    <message>
        <source>拍快照</source>
        <translation>Take snapshot</translation>
    </message>
    <message>
        <source>导出成员…</source>
        <translation>Export members…</translation>
    </message>
    <message>
        <source>成员示例（按公司id，前 20 个）</source>
        <translation>Sample members (first 20 by company ID)</translation>
    </message>
    <message>
        <source>静态</source>
        <translation>static</translation>
    </message>
    <message>
        <source>动态</source>
        <translation>dynamic</translation>
    </message>
    <message>
        <source>，共享</source>
        <translation>, shared</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>最近快照 %1，%2 个客户</source>
        <translation>Latest snapshot %1, %2 customers</translation>
    </message>
    <message>
        <source>计算中…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>匹配 %1 个客户</source>
        <translation>%1 customers match</translation>
    </message>
    <message>
        <source>条件未完成</source>
        <translation>Condition incomplete</translation>
    </message>
    <message>
        <source>已保存分群 %1</source>
        <translation>Segment %1 saved</translation>
    </message>
    <message>
        <source>已拍快照：%1 个客户</source>
        <translation>Snapshot taken: %1 customers</translation>
    </message>
    <message>
        <source>导出分群成员</source>
        <translation>Export segment members</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 %1 行</source>
        <translation>%1 rows exported</translation>
    </message>
</context>
<context>
    <name>TagRuleDialog</name>
    <message>
        <source>标签规则</source>
        <translation>Tag rules</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>打上标签</source>
        <translation>Set tag</translation>
    </message>
    <message>
        <source>满足以下条件的客户：</source>
        <translation>Customers matching:</translation>
    </message>
</context>
<context>
    <name>TagsScreen</name>
    <message>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>新建规则…</source>
        <translation>New rule…</translation>
    </message>
    <message>
        <source>编辑规则…</source>
        <translation>Edit rule…</translation>
    </message>
    <message>
        <source>删除规则</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <source>立即按规则刷新标签</source>
        <translation>Refresh rule tags now</translation>
    </message>
    <message>
        <source>规则标签由定时任务（opcms jobs run-due，应用打开时每 5 分钟一次）刷新，也可以点“立即按规则刷新标签”。</source>
        <translation>Rule tags are refreshed by the scheduled job (opcms jobs run-due, every 5 minutes while the app is open), or now with Refresh rule tags now.</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>标签规则</source>
        <translation>Tag rules</translation>
    </message>
    <message>
        <source>标签名称</source>
        <translation>Tag name</translation>
    </message>
    <message>
        <source>已创建标签 %1</source>
        <translation>Tag %1 created</translation>
    </message>
    <message>
        <source>标签改名</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <source>新名称</source>
        <translation>New name</translation>
    </message>
    <message>
        <source>已改名</source>
        <translation>Renamed</translation>
    </message>
    <message>
        <source>合并标签</source>
        <translation>Merge tags</translation>
    </message>
    <message>
        <source>把 %1 合并到</source>
        <translation>Merge %1 into</translation>
    </message>
    <message>
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>请先新建标签</source>
        <translation>Create a tag first</translation>
    </message>
    <message>
        <source>规则已保存</source>
        <translation>Rule saved</translation>
    </message>
    <message>
        <source>规则已删除</source>
        <translation>Rule deleted</translation>
    </message>
    <message>
        <source>已按 %1 条规则刷新：新增 %2，移除 %3</source>
        <translation>Refreshed by %1 rules: %2 added, %3 removed</translation>
    </message>
</context>
<context>
    <name>segments</name>
    <message>
        <source>公司id</source>
        <translation>Company ID</translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>行业类型</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>销售负责人</source>
        <translation>Sales owner</translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation>Cooperation status</translation>
    </message>
    <message>
        <source>是否结算</source>
        <translation>Billing</translation>
    </message>
    <message>
        <source>账号类型</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>所属ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>结算方式</source>
        <translation>Settlement mode</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Customer grade</translation>
    </message>
    <message>
        <source>客户消费等级</source>
        <translation>Consumption tier</translation>
    </message>
    <message>
        <source>运营负责人</source>
        <translation>Ops owner</translation>
    </message>
    <message>
        <source>是否停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>接入时间</source>
        <translation>Onboarding</translation>
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
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>近30天拍摄量</source>
        <translation>Shoots, last 30 days</translation>
    </message>
    <message>
        <source>近90天拍摄量</source>
        <translation>Shoots, last 90 days</translation>
    </message>
    <message>
        <source>近3个月拍摄量</source>
        <translation>Shoots, last 3 months</translation>
    </message>
    <message>
        <source>近12个月开票额</source>
        <translation>Invoiced, last 12 months</translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>逾期金额</source>
        <translation>Overdue amount</translation>
    </message>
    <message>
        <source>距上次用量天数</source>
        <translation>Days since last usage</translation>
    </message>
    <message>
        <source>最近用量</source>
        <translation>Recent usage</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>等于</source>
        <translation>equals</translation>
    </message>
    <message>
        <source>不等于</source>
        <translation>not equal</translation>
    </message>
    <message>
        <source>属于</source>
        <translation>is one of</translation>
    </message>
    <message>
        <source>不属于</source>
        <translation>is none of</translation>
    </message>
    <message>
        <source>包含</source>
        <translation>contains</translation>
    </message>
    <message>
        <source>不包含</source>
        <translation>does not contain</translation>
    </message>
    <message>
        <source>开头是</source>
        <translation>starts with</translation>
    </message>
    <message>
        <source>大于</source>
        <translation>greater than</translation>
    </message>
    <message>
        <source>不少于</source>
        <translation>at least</translation>
    </message>
    <message>
        <source>小于</source>
        <translation>less than</translation>
    </message>
    <message>
        <source>不超过</source>
        <translation>at most</translation>
    </message>
    <message>
        <source>介于</source>
        <translation>between</translation>
    </message>
    <message>
        <source>为空</source>
        <translation>is empty</translation>
    </message>
    <message>
        <source>不为空</source>
        <translation>is not empty</translation>
    </message>
    <message>
        <source>在最近</source>
        <translation>within</translation>
    </message>
    <message>
        <source>不在最近</source>
        <translation>not within</translation>
    </message>
    <message>
        <source>有</source>
        <translation>has</translation>
    </message>
    <message>
        <source>没有</source>
        <translation>has not</translation>
    </message>
    <message>
        <source>全部满足</source>
        <translation>All of</translation>
    </message>
    <message>
        <source>任一满足</source>
        <translation>Any of</translation>
    </message>
    <message>
        <source>都不满足</source>
        <translation>None of</translation>
    </message>
    <message>
        <source>多个值用逗号分隔</source>
        <translation>values separated by commas</translation>
    </message>
    <message>
        <source>下限, 上限</source>
        <translation>low, high</translation>
    </message>
    <message>
        <source>如 30d（天）或 3m（月）</source>
        <translation>e.g. 30d (days) or 3m (months)</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>定价结算（每套）</source>
        <translation>Per shoot</translation>
    </message>
    <message>
        <source>阶梯累进</source>
        <translation>Tiered (graduated)</translation>
    </message>
    <message>
        <source>阶梯全量</source>
        <translation>Tiered (volume)</translation>
    </message>
    <message>
        <source>按面积（元/m²）</source>
        <translation>By area (yuan/m²)</translation>
    </message>
    <message>
        <source>包年套餐（年费）</source>
        <translation>Annual package (fee)</translation>
    </message>
    <message>
        <source>拍摄量</source>
        <translation>Shoots</translation>
    </message>
    <message>
        <source>现行方案金额</source>
        <translation>Current plans</translation>
    </message>
    <message>
        <source>新方案金额</source>
        <translation>New plan</translation>
    </message>
    <message>
        <source>差额</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>未计价拍摄</source>
        <translation>Unpriced shoots</translation>
    </message>
    <message>
        <source>客户数</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>规则数</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Condition</translation>
    </message>
</context>
</TS>
