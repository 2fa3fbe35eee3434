<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AreaPage</name>
    <message>
        <source>如 0.125</source>
        <translation>e.g. 0.125</translation>
    </message>
    <message>
        <source>面积单价</source>
        <translation>Area rate</translation>
    </message>
    <message>
        <source>元/m²（最多 4 位小数）</source>
        <translation>yuan/m² (up to 4 decimals)</translation>
    </message>
</context>
<context>
    <name>EndPlanDialog</name>
    <message>
        <source>结束价格方案</source>
        <translation>End price plan</translation>
    </message>
    <message>
        <source>方案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>最后一天（含）</source>
        <translation>Last day (included)</translation>
    </message>
    <message>
        <source>结束方案</source>
        <translation>End plan</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <source>不是有效的数字</source>
        <translation>Not a valid number</translation>
    </message>
</context>
<context>
    <name>PackagePage</name>
    <message>
        <source>如 9980</source>
        <translation>e.g. 9980</translation>
    </message>
    <message>
        <source>年费</source>
        <translation>Annual fee</translation>
    </message>
    <message>
        <source>元/合同年，合同年开始的月份出账</source>
        <translation>yuan per contract year, billed in the month the contract year starts</translation>
    </message>
    <message>
        <source>如 2000</source>
        <translation>e.g. 2000</translation>
    </message>
    <message>
        <source>如 9.5</source>
        <translation>e.g. 9.5</translation>
    </message>
    <message>
        <source>额度</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>套/合同年（跨月累计）</source>
        <translation>shoots per contract year (counted across months)</translation>
    </message>
    <message>
        <source>超额单价</source>
        <translation>Overage price</translation>
    </message>
    <message>
        <source>元/套</source>
        <translation>yuan/shoot</translation>
    </message>
</context>
<context>
    <name>PerShootPage</name>
    <message>
        <source>如 25</source>
        <translation>e.g. 25</translation>
    </message>
    <message>
        <source>单层单价</source>
        <translation>Single-floor price</translation>
    </message>
    <message>
        <source>元/套</source>
        <translation>yuan/shoot</translation>
    </message>
    <message>
        <source>按单层单价</source>
        <translation>At the single-floor price</translation>
    </message>
    <message>
        <source>固定价</source>
        <translation>Flat price</translation>
    </message>
    <message>
        <source>公式 a+(F−1)×b</source>
        <translation>Formula a+(F−1)×b</translation>
    </message>
    <message>
        <source>多层计价</source>
        <translation>Multi-floor pricing</translation>
    </message>
    <message>
        <source>如 35</source>
        <translation>e.g. 35</translation>
    </message>
    <message>
        <source>多层固定价</source>
        <translation>Multi-floor flat price</translation>
    </message>
    <message>
        <source>+ (F − 1) ×</source>
        <translation>+ (F − 1) ×</translation>
    </message>
    <message>
        <source>元/套，F = 层数</source>
        <translation>yuan/shoot, F = floors</translation>
    </message>
    <message>
        <source>多层公式</source>
        <translation>Multi-floor formula</translation>
    </message>
    <message>
        <source>请填写多层固定价，或选择“按单层单价”</source>
        <translation>Enter a multi-floor flat price, or choose “At the single-floor price”</translation>
    </message>
    <message>
        <source>请填写公式的 a 和 b</source>
        <translation>Enter both a and b of the formula</translation>
    </message>
</context>
<context>
    <name>PlanEditorDialog</name>
    <message>
        <source>全部系列</source>
        <translation>All series</translation>
    </message>
    <message>
        <source>X 系列</source>
        <translation>Series X</translation>
    </message>
    <message>
        <source>N 系列</source>
        <translation>Series N</translation>
    </message>
    <message>
        <source>L 系列</source>
        <translation>Series L</translation>
    </message>
    <message>
        <source>定价结算</source>
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
        <source>按面积</source>
        <translation>By area</translation>
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
        <source>编辑价格方案</source>
        <translation>Edit price plan</translation>
    </message>
    <message>
        <source>新建价格方案</source>
        <translation>New price plan</translation>
    </message>
    <message>
        <source>%1 · #%2</source>
        <translation>%1 · #%2</translation>
    </message>
    <message>
        <source>长期有效</source>
        <translation>Open-ended</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>第一天（含）</source>
        <translation>First day (included)</translation>
    </message>
    <message>
        <source>天（留空 = 客户的默认期限）</source>
        <translation>days (empty = the customer's default terms)</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Prices</translation>
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
        <source>结束当前方案 #%1（%2 起长期有效）于 %3</source>
        <translation>End the current plan #%1 (open-ended from %2) on %3</translation>
    </message>
    <message>
        <source>将保存为：%1，%2</source>
        <translation>Will be saved as: %1, %2</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>无法保存：%1</source>
        <translation>Cannot save: %1</translation>
    </message>
    <message>
        <source>此方案在您打开后已被他人修改。请关闭后刷新，再重新编辑。</source>
        <translation>Someone else changed this plan after you opened it. Close, refresh and edit again.</translation>
    </message>
</context>
<context>
    <name>PlanHistoryModel</name>
    <message>
        <source>系列</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>计费模式</source>
        <translation>Pricing mode</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>失效日期（含）</source>
        <translation>End date (included)</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Prices</translation>
    </message>
    <message>
        <source>付款期限</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>手工录入</source>
        <translation>Entered by hand</translation>
    </message>
    <message>
        <source>客户表导入</source>
        <translation>Customer sheet import</translation>
    </message>
    <message>
        <source>价格表导入</source>
        <translation>Pricing sheet import</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>生效中</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>客户默认</source>
        <translation>Customer default</translation>
    </message>
    <message>
        <source>定价结算</source>
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
        <source>按面积</source>
        <translation>By area</translation>
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
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>PricingScreen</name>
    <message>
        <source>公司id</source>
        <translation>Company ID</translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>搜索 公司id / 名称 / 拼音首字母</source>
        <translation>Search company ID / name / pinyin initials</translation>
    </message>
    <message>
        <source>请在左侧选择客户</source>
        <translation>Choose a customer on the left</translation>
    </message>
    <message>
        <source>新建方案…</source>
        <translation>&amp;New plan…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>结束方案…</source>
        <translation>E&amp;nd plan…</translation>
    </message>
    <message>
        <source>导入价格表…</source>
        <translation>&amp;Import pricing sheet…</translation>
    </message>
    <message>
        <source>下载模板</source>
        <translation>Download &amp;template</translation>
    </message>
    <message>
        <source>导出方案…</source>
        <translation>E&amp;xport plans…</translation>
    </message>
    <message>
        <source>共 %1 位客户</source>
        <translation>%1 customers</translation>
    </message>
    <message>
        <source>%1  ·  公司id %2</source>
        <translation>%1  ·  company ID %2</translation>
    </message>
    <message>
        <source>此客户还没有价格方案。</source>
        <translation>This customer has no price plans yet.</translation>
    </message>
    <message>
        <source>已保存：%1 %2（%3）</source>
        <translation>Saved: %1 %2 (%3)</translation>
    </message>
    <message>
        <source>导入价格表</source>
        <translation>Import pricing sheet</translation>
    </message>
    <message>
        <source>每行一个价格方案（公司id、生效日期、计费模式、设备系列及价格）。同一客户、系列、生效日期的行更新原方案；新方案会把同客户同系列的长期方案截止到前一天。可先“下载模板”。</source>
        <translation>One price plan per row (company ID, start date, pricing mode, device series and prices). A row with the same customer, series and start date updates that plan; a new plan ends the open-ended plan of the same customer and series the day before. Start from “Download template”.</translation>
    </message>
    <message>
        <source>保存价格表模板</source>
        <translation>Save pricing template</translation>
    </message>
    <message>
        <source>价格方案导入模板.xlsx</source>
        <translation>price-plan-import-template.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>模板已保存到 %1</source>
        <translation>Template saved to %1</translation>
    </message>
    <message>
        <source>无法保存模板：%1</source>
        <translation>Cannot save the template: %1</translation>
    </message>
    <message>
        <source>导出价格方案</source>
        <translation>Export price plans</translation>
    </message>
    <message>
        <source>价格方案.xlsx</source>
        <translation>price-plans.xlsx</translation>
    </message>
    <message>
        <source>已导出 %1 个价格方案到 %2</source>
        <translation>%1 price plans exported to %2</translation>
    </message>
    <message>
        <source>无法导出：%1</source>
        <translation>Cannot export: %1</translation>
    </message>
</context>
<context>
    <name>TierBandModel</name>
    <message>
        <source>到第几套（含）</source>
        <translation>To shoot no. (included)</translation>
    </message>
    <message>
        <source>从第几套之后</source>
        <translation>After shoot no.</translation>
    </message>
    <message>
        <source>单价（元/套）</source>
        <translation>Price (yuan/shoot)</translation>
    </message>
    <message>
        <source>不封顶</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>第 %1 档需要起点和单价</source>
        <translation>Band %1 needs a start and a price</translation>
    </message>
    <message>
        <source>第 %1 档的单价不是数字</source>
        <translation>The price of band %1 is not a number</translation>
    </message>
    <message>
        <source>第 %1 档</source>
        <translation>Band %1</translation>
    </message>
</context>
<context>
    <name>TierEditor</name>
    <message>
        <source>添加一档</source>
        <translation>Add band</translation>
    </message>
    <message>
        <source>删除所选档</source>
        <translation>Remove selected band</translation>
    </message>
</context>
<context>
    <name>TieredPage</name>
    <message>
        <source>阶梯</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>加层单价</source>
        <translation>Extra-floor price</translation>
    </message>
    <message>
        <source>元/层（多层拍摄第 2 层起）</source>
        <translation>yuan/floor (from the 2nd floor of multi-floor shoots)</translation>
    </message>
    <message>
        <source>累进：每套按它所在档的单价计费（如个税）。按自然月累计，第 1 套从 0 起。</source>
        <translation>Graduated: each shoot is priced at its own band (like a tax table). Counted per calendar month, the 1st shoot from 0.</translation>
    </message>
    <message>
        <source>全量：本月总套数落在哪一档，全部拍摄都按该档单价计费。按自然月累计。</source>
        <translation>Volume: all shoots are priced at the band the month's total falls in. Counted per calendar month.</translation>
    </message>
</context>
<context>
    <name>_DigitsDelegate</name>
    <message>
        <source>留空 = 不封顶</source>
        <translation>empty = no upper limit</translation>
    </message>
</context>
</TS>
