<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>草稿 #%1</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>显示的列</source>
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
</TS>
