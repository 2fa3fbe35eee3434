<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>CompleteFollowupDialog</name>
    <message>
        <source>完成跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跟进结果，例如：客户同意下月续约</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>安排下次跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不勾选时，按客户的跟进计划安排下次跟进。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>编辑联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 13812345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 010-88886666</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设为主联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>微信</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首选渠道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
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
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>微信</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首选渠道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>主联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增联系人…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>使用中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示完整信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示所选联系人的完整电话、邮箱和微信；此操作记入审计日志。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用联系人 %1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已启用联系人 %1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已显示 %1 的完整信息（已记入审计日志）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowupLabels</name>
    <message>
        <source>电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拜访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>微信</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>邮件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收款</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期</source>
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
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>处理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等待客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowupTab</name>
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
        <source>结果/说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系人/负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增跟进…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成跟进…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跟进计划…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无跟进计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跟进计划：每 %1 %2，%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewFollowupDialog</name>
    <message>
        <source>新增跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要跟进什么，例如：确认续约意向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>跟进计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同时安排第一次跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>频率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停止计划</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderPopup</name>
    <message>
        <source>查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推迟一天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推迟一周</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayReminder</name>
    <message>
        <source>今日待办 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您有 %1 项待办，其中逾期 %2 项：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>……另有 %1 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今日待办</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>客户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方式/状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：共 %2 项待办，其中逾期 %3 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（另有 %1 项已推迟）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成跟进…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推迟一天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推迟一周</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分配给您的跟进、您负责客户的跟进和逾期账单、24 小时内到期的工单。推迟的事项到期后会重新出现。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已推迟到 %1：%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
