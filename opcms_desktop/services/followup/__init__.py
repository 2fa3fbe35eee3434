"""Follow-through: contacts, follow-ups, dunning, work orders with SLA, automation rules and scheduled jobs."""
