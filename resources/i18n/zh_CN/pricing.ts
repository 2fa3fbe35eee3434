<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AreaPage</name>
    <message>
        <source>如 0.125</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>面积单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>元/m²（最多 4 位小数）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndPlanDialog</name>
    <message>
        <source>结束价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最后一天（含）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <source>不是有效的数字</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackagePage</name>
    <message>
        <source>如 9980</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>元/合同年，合同年开始的月份出账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 2000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 9.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>额度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>套/合同年（跨月累计）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超额单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>元/套</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PerShootPage</name>
    <message>
        <source>如 25</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单层单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>元/套</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按单层单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>固定价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公式 a+(F−1)×b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层计价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 35</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层固定价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ (F − 1) ×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>元/套，F = 层数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层公式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写多层固定价，或选择“按单层单价”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写公式的 a 和 b</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanEditorDialog</name>
    <message>
        <source>全部系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X 系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N 系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L 系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>定价结算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯累进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯全量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按面积</source>
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
        <source>编辑价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长期有效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第一天（含）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>天（留空 = 客户的默认期限）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格</source>
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
        <source>结束当前方案 #%1（%2 起长期有效）于 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将保存为：%1，%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此方案在您打开后已被他人修改。请关闭后刷新，再重新编辑。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanHistoryModel</name>
    <message>
        <source>系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计费模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>失效日期（含）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手工录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户表导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格表导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生效中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>定价结算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯累进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯全量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按面积</source>
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
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PricingScreen</name>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索 公司id / 名称 / 拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在左侧选择客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建方案…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束方案…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入价格表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下载模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出方案…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 位客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  ·  公司id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此客户还没有价格方案。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：%1 %2（%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入价格表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每行一个价格方案（公司id、生效日期、计费模式、设备系列及价格）。同一客户、系列、生效日期的行更新原方案；新方案会把同客户同系列的长期方案截止到前一天。可先“下载模板”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存价格表模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格方案导入模板.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>模板已保存到 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存模板：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出价格方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格方案.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 个价格方案到 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法导出：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TierBandModel</name>
    <message>
        <source>到第几套（含）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从第几套之后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单价（元/套）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不封顶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 档需要起点和单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 档的单价不是数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 档</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TierEditor</name>
    <message>
        <source>添加一档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选档</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TieredPage</name>
    <message>
        <source>阶梯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加层单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>元/层（多层拍摄第 2 层起）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>累进：每套按它所在档的单价计费（如个税）。按自然月累计，第 1 套从 0 起。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全量：本月总套数落在哪一档，全部拍摄都按该档单价计费。按自然月累计。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_DigitsDelegate</name>
    <message>
        <source>留空 = 不封顶</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
