<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CompleteFollowupDialog</name>
    <message>
        <source>完成跟进</source>
        <translation>Complete follow-up</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>跟进结果，例如：客户同意下月续约</source>
        <translation>The result, e.g. the customer agrees to renew next month</translation>
    </message>
    <message>
        <source>安排下次跟进</source>
        <translation>Plan the next follow-up</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>不勾选时，按客户的跟进计划安排下次跟进。</source>
        <translation>When unticked, the customer's follow-up plan schedules the next one.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>编辑联系人</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <source>新增联系人</source>
        <translation>New contact</translation>
    </message>
    <message>
        <source>例如 13812345678</source>
        <translation>e.g. 13812345678</translation>
    </message>
    <message>
        <source>例如 010-88886666</source>
        <translation>e.g. 010-88886666</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>设为主联系人</source>
        <translation>Primary contact</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>首选渠道</source>
        <translation>Preferred channel</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>首选渠道</source>
        <translation>Preferred channel</translation>
    </message>
    <message>
        <source>主联系人</source>
        <translation>Primary</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>新增联系人…</source>
        <translation>New contact…</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>显示完整信息</source>
        <translation>Show in full</translation>
    </message>
    <message>
        <source>显示所选联系人的完整电话、邮箱和微信；此操作记入审计日志。</source>
        <translation>Shows the selected contact's phone numbers, e-mail and WeChat in full; this is recorded in the audit log.</translation>
    </message>
    <message>
        <source>重新启用</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>已停用联系人 %1。</source>
        <translation>Contact %1 deactivated.</translation>
    </message>
    <message>
        <source>已启用联系人 %1。</source>
        <translation>Contact %1 reactivated.</translation>
    </message>
    <message>
        <source>已显示 %1 的完整信息（已记入审计日志）。</source>
        <translation>%1 shown in full (recorded in the audit log).</translation>
    </message>
</context>
<context>
    <name>FollowupLabels</name>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>拜访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>邮件</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>逾期账单</source>
        <translation>Overdue bill</translation>
    </message>
    <message>
        <source>冲正</source>
        <translation>Credit note</translation>
    </message>
    <message>
        <source>账单</source>
        <translation>Bill</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已开具</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>已冲正</source>
        <translation>Credited</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>等待客户</source>
        <translation>Waiting for customer</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>FollowupTab</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>结果/说明</source>
        <translation>Result / note</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>联系人/负责人</source>
        <translation>Contact / assignee</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新增跟进…</source>
        <translation>New follow-up…</translation>
    </message>
    <message>
        <source>完成跟进…</source>
        <translation>Complete follow-up…</translation>
    </message>
    <message>
        <source>跟进计划…</source>
        <translation>Follow-up plan…</translation>
    </message>
    <message>
        <source>无跟进计划</source>
        <translation>No follow-up plan</translation>
    </message>
    <message>
        <source>周</source>
        <translation>week(s)</translation>
    </message>
    <message>
        <source>天</source>
        <translation>day(s)</translation>
    </message>
    <message>
        <source>跟进计划：每 %1 %2，%3</source>
        <translation>Follow-up plan: every %1 %2, %3</translation>
    </message>
</context>
<context>
    <name>NewFollowupDialog</name>
    <message>
        <source>新增跟进</source>
        <translation>New follow-up</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>要跟进什么，例如：确认续约意向</source>
        <translation>What to follow up, e.g. confirm the renewal</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>跟进计划</source>
        <translation>Follow-up plan</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>周</source>
        <translation>week(s)</translation>
    </message>
    <message>
        <source>天</source>
        <translation>day(s)</translation>
    </message>
    <message>
        <source>同时安排第一次跟进</source>
        <translation>Also plan the first follow-up</translation>
    </message>
    <message>
        <source>每</source>
        <translation>Every</translation>
    </message>
    <message>
        <source>频率</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>停止计划</source>
        <translation>Stop the plan</translation>
    </message>
</context>
<context>
    <name>ReminderPopup</name>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>推迟一天</source>
        <translation>Snooze a day</translation>
    </message>
    <message>
        <source>推迟一周</source>
        <translation>Snooze a week</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>TodayReminder</name>
    <message>
        <source>今日待办 %1</source>
        <translation>Today %1</translation>
    </message>
    <message>
        <source>您有 %1 项待办，其中逾期 %2 项：</source>
        <translation>You have %1 items to do, %2 of them overdue:</translation>
    </message>
    <message>
        <source>……另有 %1 项</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <source>今日待办</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>公司id</source>
        <translation>Company ID</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>未收金额</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>方式/状态</source>
        <translation>Method / status</translation>
    </message>
    <message>
        <source>%1：共 %2 项待办，其中逾期 %3 项</source>
        <translation>%1: %2 items to do, %3 of them overdue</translation>
    </message>
    <message>
        <source>（另有 %1 项已推迟）</source>
        <translation> (%1 more snoozed)</translation>
    </message>
    <message>
        <source>完成跟进…</source>
        <translation>Complete follow-up…</translation>
    </message>
    <message>
        <source>推迟一天</source>
        <translation>Snooze a day</translation>
    </message>
    <message>
        <source>推迟一周</source>
        <translation>Snooze a week</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>分配给您的跟进、您负责客户的跟进和逾期账单、24 小时内到期的工单。推迟的事项到期后会重新出现。</source>
        <translation>Follow-ups assigned to you, follow-ups and overdue bills of your customers, and work orders due within 24 hours. A snoozed item comes back when its snooze ends.</translation>
    </message>
    <message>
        <source>已推迟到 %1：%2</source>
        <translation>Snoozed until %1: %2</translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
