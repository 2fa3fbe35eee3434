<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>修正用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · 公司id %2 · %3 · %4 系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前合计：单层 %1，多层 %2（%3 层），面积 %4 m²。其中订单明细：单层 %5，多层 %6。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必填：为什么修正，例如“客户对账确认 10 月少计 3 套”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>套</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>层（多层拍摄的总层数）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>m²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单层拍摄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层拍摄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层总层数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>面积</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修正原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不是有效的数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写修正原因（会记入审计）</source>
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
        <source>此用量在您打开后已被他人修改。请关闭对话框、刷新列表后再修正。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasteCorrectionDialog</name>
    <message>
        <source>粘贴修正用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %3 系列：单层 %4 → %5，多层 %6 → %7，层数 %8 → %9，面积 %10 → %11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必填：为什么修正，例如“客户对账确认 10 月少计 3 套”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将修正 %1 行用量（保存前不会写入）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修正原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此用量在您打开后已被他人修改。请关闭对话框、刷新列表后再修正。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageScreen</name>
    <message>
        <source>客户：公司id / 名称 / 拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修正用量…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入用量表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下载模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出…</source>
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
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合计：单层 %1 · 多层 %2（%3 层）· 面积 %4 m² · 共 %5 套</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已修正 %1 %2 %3 系列：共 %4 套</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 行“%2”：%3 不是有效的数字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未粘贴：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴的数字与现有用量相同，没有需要修正的。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已修正 %1 行用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存用量表模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量导入模板.xlsx</source>
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
        <source>导出用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法导出：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入用量表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两种格式按表头自动识别：订单明细（订单号、公司id、上传日期、设备系列、层数、面积）或月度汇总（公司id、月份、设备系列、单层拍摄量、多层拍摄量、多层总层数、面积）。已导入过的订单号不会重复计入。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageTableModel</name>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单层拍摄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层拍摄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层总层数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>面积(m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合计(套)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修正原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
