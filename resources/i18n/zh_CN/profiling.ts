<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>CustomerTabs</name>
    <message>
        <source>画像</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>客户画像分析</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileCharts</name>
    <message>
        <source>%1 系列</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>客户画像</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <source>健康度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>消费等级(记录 / 建议)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近 12 个月开账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度拍摄量(按设备系列)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>健康度各部分(0-100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>概览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方案试算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>权重</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当月套数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前 3 个月平均</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期未收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>草稿账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未计入:%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与建议不一致</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与建议一致</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至 %1;用量为最近 24 个完整月</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilingLists</name>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销售负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预警原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未使用天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最后使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>健康度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量趋势</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>付款表现</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合作状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>象限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>距上次使用(天)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近 12 个月开账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>距上次使用 %1 天,近 12 个月开账 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilingScreen</name>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回测预警(最近 12 个月)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回测:在过去各月末重算预警,看真正流失的客户有多少被提前预警。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM 象限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>流失预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>健康度排名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预警阈值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>横轴:R(近度);纵轴:(F + M) / 2;单击打开客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 个客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>流失预警 (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回测流失预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至 %1 的 %2 个月末:流失 %3 个,被预警 %4 个,提前 30 天以上 %5 个(中位 %6 天);预警 %7 次,误报 %8 次。%9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>达到 80% 目标。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未达到 80% 目标。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThresholdsPanel</name>
    <message>
        <source> 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无使用达到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用量比前 3 个月平均下降达到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>满足任一条即预警。修改会记入审计日志,所有人的流失列表和回测随之改变。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>单价 / 费率 / 年费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如 14+(F-1)*10,空 = 按单层价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方案类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>价格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>多层价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶梯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年额度(套)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超额单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>试算输入的方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看现有方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12 个月合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与现方案差额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未定价(套)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每平方米价格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单层单价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 至 %2 共 %3 套;这段时间实际开账 %4。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
