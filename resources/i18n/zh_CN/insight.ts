<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>ChartPanel</name>
    <message>
        <source>导出图片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出数据</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>活跃客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月开账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应收余额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>流失风险客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拍摄量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开账金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未拍摄天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度拍摄量（按设备系列）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开账与收款（按月）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应收账龄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开账金额前十客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户消费等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接入时间（半年）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1-30天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>31-60天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>61-90天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90天以上</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我的客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 至 %2，对比 %3 至 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 至 %2（整月），对比上月整月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本期 %1（%2 至 %3）
上期同期 %4（%5 至 %6）
点击查看明细</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1系列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出图片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG 图片 (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出图片到 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法写入 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiDetailDialog</name>
    <message>
        <source>%1：%2 明细</source>
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
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 个客户，合计 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
