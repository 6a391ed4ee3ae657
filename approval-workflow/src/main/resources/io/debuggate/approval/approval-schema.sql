-- debuggate approval-workflow tables. Runs at every start: every statement must be idempotent
-- and portable between H2 2.x and PostgreSQL 13+ (no Flyway on the classpath).
-- Column names avoid words that are reserved in either database (state, mode, comment, role).

CREATE TABLE IF NOT EXISTS dg_approval_request (
    id                  VARCHAR(40)   NOT NULL PRIMARY KEY,
    requester           VARCHAR(200)  NOT NULL,
    target_service      VARCHAR(63)   NOT NULL,
    target_instance     VARCHAR(253)  NOT NULL,
    draft_json          VARCHAR(32000) NOT NULL,
    content_hash        CHAR(64)      NOT NULL,
    request_state       VARCHAR(20)   NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    approval_deadline   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id VARCHAR(64),
    row_version         INTEGER       NOT NULL
);
CREATE INDEX IF NOT EXISTS dg_approval_request_requester ON dg_approval_request (requester);
CREATE INDEX IF NOT EXISTS dg_approval_request_state ON dg_approval_request (request_state);

CREATE TABLE IF NOT EXISTS dg_approval_signature (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    request_id    VARCHAR(40)   NOT NULL REFERENCES dg_approval_request (id),
    signer_role   VARCHAR(20)   NOT NULL,
    signer        VARCHAR(200)  NOT NULL,
    signer_group  VARCHAR(200)  NOT NULL,
    decision      VARCHAR(10)   NOT NULL,
    remark        VARCHAR(2000) NOT NULL,
    content_hash  CHAR(64)      NOT NULL,
    signed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    voided_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS dg_approval_signature_request ON dg_approval_signature (request_id);

CREATE TABLE IF NOT EXISTS dg_approval_grant (
    request_id      VARCHAR(40)   NOT NULL PRIMARY KEY REFERENCES dg_approval_request (id),
    grantee         VARCHAR(200)  NOT NULL,
    target_service  VARCHAR(63)   NOT NULL,
    target_instance VARCHAR(253)  NOT NULL,
    tools           VARCHAR(100)  NOT NULL,
    grant_mode      VARCHAR(20)   NOT NULL,
    pprof_profiles  VARCHAR(200)  NOT NULL,
    starts_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    grant_state     VARCHAR(10)   NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE,
    ended_by        VARCHAR(200),
    end_reason      VARCHAR(2000)
);
