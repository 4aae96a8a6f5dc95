"""Participation tables: 문의하기 petitions, 정보공개청구 requests with their
event history, and the mail outbox.

Revision ID: 9a1c0e5b7d21
Revises:
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "9a1c0e5b7d21"
down_revision = None
branch_labels = None
depends_on = None

NOW = sa.func.current_timestamp()


def upgrade():
    op.create_table(
        "seoulplaza_petition",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Text, nullable=False, index=True),
        sa.Column("package_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("external_id", sa.Text, unique=True),
        sa.Column("answer", sa.Text),
        sa.Column("answered_at", sa.DateTime),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("next_attempt_at", sa.DateTime, nullable=False, server_default=NOW),
        sa.Column("notified_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=NOW),
        sa.Column("updated_at", sa.DateTime, nullable=False, server_default=NOW),
    )
    op.create_table(
        "seoulplaza_disclosure_request",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Text, nullable=False, index=True),
        sa.Column("package_id", sa.Text),
        sa.Column("owner_org", sa.Text, index=True),
        sa.Column("document_number", sa.Text),
        sa.Column("record_title", sa.Text, nullable=False),
        sa.Column("department", sa.Text),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("extended_due_on", sa.Date),
        sa.Column("extension_reason", sa.Text),
        sa.Column("decided_on", sa.Date),
        sa.Column("decision", sa.Text),
        sa.Column("grounds", JSONB, nullable=False, server_default="[]"),
        sa.Column("decision_note", sa.Text),
        sa.Column("objection_due_on", sa.Date),
        sa.Column("objected_on", sa.Date),
        sa.Column("objection_text", sa.Text),
        sa.Column("objection_decision_due_on", sa.Date),
        sa.Column("objection_result", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=NOW),
    )
    op.create_table(
        "seoulplaza_request_event",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.Text,
                  sa.ForeignKey("seoulplaza_disclosure_request.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("at", sa.DateTime, nullable=False, server_default=NOW),
        sa.Column("actor_id", sa.Text),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "seoulplaza_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recipient_name", sa.Text, nullable=False),
        sa.Column("recipient_email", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=NOW),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("sent_at", sa.DateTime, index=True),
    )


def downgrade():
    for table in ("seoulplaza_outbox", "seoulplaza_request_event",
                  "seoulplaza_disclosure_request", "seoulplaza_petition"):
        op.drop_table(table)
