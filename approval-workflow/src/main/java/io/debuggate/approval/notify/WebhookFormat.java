package io.debuggate.approval.notify;

/** The body a webhook receives. */
public enum WebhookFormat {
    /** {@code {"event": "GrantApproved", "text": "...", "data": {...}}} */
    JSON,
    /** {@code {"text": "..."}}, accepted by Slack, Mattermost and Rocket.Chat incoming webhooks. */
    SLACK
}
