<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>有效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataTableView</name>
    <message>
        <source>复制</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制（含表头）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按此值筛选：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按此值筛选（空）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示的列</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>设备系列</source>
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
        <source>失效日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单层单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层固定价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公式 a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公式 b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加层单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>面积单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>额度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超额单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款期限</source>
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
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>必填，将记入审计日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写原因。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportIssuesModel</name>
    <message>
        <source>Excel行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>警告</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetImportDialog</name>
    <message>
        <source>选择 .xlsx 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>先检查：试运行逐行核对文件，不写入任何数据；确认无误后再导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 行：新增 %2，更新 %3，未变 %4，拒绝 %5；%6 行有警告。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xls *.ods)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择一个存在的文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查结果（尚未写入）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>点“导入”写入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入完成：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消，未写入任何数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法导入此文件：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <source>文件夹 %1 不存在，请选择一个已有的文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>receivables</name>
    <message>
        <source>草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开具</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未付款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部分付款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已付清</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>套餐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未开票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>相似名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未匹配</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 1-30 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 31-60 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 61-90 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 90 天以上</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>草稿 #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
