"""hub baseline: the schema of every hub made before the hub had migrations

Revision ID: hub0001
Revises:
Create Date: 2026-12-01

Before this revision the hub database was made with ``create_all`` and gained new tables on open,
never new columns. So a hub without a version table holds some or all of these tables exactly as
written here: this revision creates only the tables that are missing, and a hub made before it
is then at this revision. Written out in full so it never changes when central/tables.py does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import iep_desktop.store.tables  # column types shared with the laptop store

revision = 'hub0001'
down_revision = None
branch_labels = None
depends_on = None


def _assessments() -> None:
    op.create_table('assessments',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Text(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=True),
    sa.Column('instrument', sa.String(length=40), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('score', sa.Text(), nullable=False),
    sa.Column('grade_level', iep_desktop.store.tables.DecimalText(length=32), nullable=True),
    sa.Column('occupational_needs', sa.Text(), nullable=False),
    sa.Column('service_needs', sa.Text(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_plan_id'), ['plan_id'], unique=False)


def _audit_events() -> None:
    op.create_table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('before_digest', sa.String(length=64), nullable=True),
    sa.Column('after_digest', sa.String(length=64), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_events')),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_record_id'), ['record_id'], unique=False)


def _barriers() -> None:
    op.create_table('barriers',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=False),
    sa.Column('group', sa.String(length=40), nullable=False),
    sa.Column('category', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('step', sa.Text(), nullable=False),
    sa.Column('service_id', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_barriers'))
    )
    with op.batch_alter_table('barriers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_barriers_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_barriers_service_id'), ['service_id'], unique=False)


def _case_notes() -> None:
    op.create_table('case_notes',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Text(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('story', sa.Text(), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.JSON(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('written_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('corrects_id', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_notes'))
    )
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_notes_corrects_id'), ['corrects_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_notes_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_notes_plan_id'), ['plan_id'], unique=False)


def _counseling_statements() -> None:
    op.create_table('counseling_statements',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Text(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=True),
    sa.Column('written_on', sa.Date(), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counseling_statements'))
    )
    with op.batch_alter_table('counseling_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counseling_statements_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_counseling_statements_plan_id'), ['plan_id'], unique=False)


def _goals() -> None:
    op.create_table('goals',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=False),
    sa.Column('goal_type', sa.String(length=40), nullable=False),
    sa.Column('term', sa.String(length=40), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=False),
    sa.Column('estimated_completion_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('close_reason', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goals_plan_id'), ['plan_id'], unique=False)


def _hub_applied_changes() -> None:
    op.create_table('hub_applied_changes',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_hub_applied_changes')),
    sa.UniqueConstraint('change_id')
    )
    with op.batch_alter_table('hub_applied_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_applied_changes_bundle_id'), ['bundle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hub_applied_changes_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hub_applied_changes_record_id'), ['record_id'], unique=False)


def _hub_bundles() -> None:
    op.create_table('hub_bundles',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('received_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('changes', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_bundles'))
    )
    with op.batch_alter_table('hub_bundles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_bundles_device_id'), ['device_id'], unique=False)


def _hub_conflicts() -> None:
    op.create_table('hub_conflicts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('hub_value', sa.JSON(), nullable=True),
    sa.Column('device_value', sa.JSON(), nullable=True),
    sa.Column('device_before', sa.JSON(), nullable=True),
    sa.Column('created_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), server_default='open', nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=True),
    sa.Column('resolved_by', sa.Text(), nullable=True),
    sa.Column('resolved_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_conflicts'))
    )
    with op.batch_alter_table('hub_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_conflicts_change_id'), ['change_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hub_conflicts_record_id'), ['record_id'], unique=False)


def _hub_device_audit() -> None:
    op.create_table('hub_device_audit',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('before_digest', sa.String(length=64), nullable=True),
    sa.Column('after_digest', sa.String(length=64), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'seq', name=op.f('pk_hub_device_audit')),
    sa.UniqueConstraint('id', name='uq_hub_device_audit_id')
    )


def _hub_device_audit_forks() -> None:
    op.create_table('hub_device_audit_forks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('before_digest', sa.String(length=64), nullable=True),
    sa.Column('after_digest', sa.String(length=64), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_device_audit_forks'))
    )
    with op.batch_alter_table('hub_device_audit_forks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_device_audit_forks_device_id'), ['device_id'], unique=False)


def _hub_device_participants() -> None:
    op.create_table('hub_device_participants',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'participant_id', name=op.f('pk_hub_device_participants'))
    )


def _hub_devices() -> None:
    op.create_table('hub_devices',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('enrollment_secret', sa.Text(), nullable=True),
    sa.Column('signing_key', sa.Text(), nullable=True),
    sa.Column('encryption_key', sa.Text(), nullable=True),
    sa.Column('enrolled_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('registered_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True),
    sa.Column('last_sequence', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_digest', sa.String(length=64), server_default='', nullable=False),
    sa.Column('return_sequence', sa.Integer(), server_default='0', nullable=False),
    sa.Column('returns_confirmed', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_devices')),
    sa.UniqueConstraint('name')
    )


def _hub_profiles() -> None:
    op.create_table('hub_profiles',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('profile', sa.JSON(), nullable=False),
    sa.Column('published_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('published_by', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_profiles'))
    )


def _hub_quarantine() -> None:
    op.create_table('hub_quarantine',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=True),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('received_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_quarantine'))
    )
    with op.batch_alter_table('hub_quarantine', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_quarantine_bundle_id'), ['bundle_id'], unique=False)


def _hub_signed_pdfs() -> None:
    op.create_table('hub_signed_pdfs',
    sa.Column('plan_version_id', sa.String(length=36), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('plan_version_id', name=op.f('pk_hub_signed_pdfs'))
    )


def _objectives() -> None:
    op.create_table('objectives',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=False),
    sa.Column('goal_id', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('custom', sa.Boolean(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=False),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objectives'))
    )
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objectives_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_objectives_plan_id'), ['plan_id'], unique=False)


def _participants() -> None:
    op.create_table('participants',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.Text(), nullable=False),
    sa.Column('last_name', sa.Text(), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('ssn_last4', sa.Text(), nullable=True),
    sa.Column('program', sa.String(length=40), nullable=False),
    sa.Column('board', sa.Text(), nullable=False),
    sa.Column('region', sa.Text(), nullable=False),
    sa.Column('office', sa.Text(), nullable=False),
    sa.Column('email', sa.Text(), nullable=False),
    sa.Column('phone', sa.Text(), nullable=False),
    sa.Column('english_learner', sa.Boolean(), nullable=False),
    sa.Column('eligibility_determined_on', sa.Date(), nullable=True),
    sa.Column('program_entry_on', sa.Date(), nullable=True),
    sa.Column('created_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_last_first', ['last_name', 'first_name'], unique=False)


def _plan_versions() -> None:
    op.create_table('plan_versions',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('digest', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('created_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('needs_signature', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_versions'))
    )
    with op.batch_alter_table('plan_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_versions_plan_id'), ['plan_id'], unique=False)


def _plans() -> None:
    op.create_table('plans',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Text(), nullable=False),
    sa.Column('program', sa.String(length=40), nullable=False),
    sa.Column('board', sa.Text(), nullable=False),
    sa.Column('region', sa.Text(), nullable=False),
    sa.Column('office', sa.Text(), nullable=False),
    sa.Column('coach_name', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('closed_date', sa.Date(), nullable=True),
    sa.Column('close_reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index('ix_plans_participant_status', ['participant_id', 'status'], unique=False)


def _reviews() -> None:
    op.create_table('reviews',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    sa.Column('case_note_id', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_case_note_id'), ['case_note_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_plan_id'), ['plan_id'], unique=False)


def _services() -> None:
    op.create_table('services',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Text(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=True),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('provider', sa.Text(), nullable=False),
    sa.Column('referral', sa.Boolean(), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=False),
    sa.Column('planned_end', sa.Date(), nullable=False),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_end', sa.Date(), nullable=True),
    sa.Column('funding_source', sa.Text(), nullable=False),
    sa.Column('amount', iep_desktop.store.tables.DecimalText(length=32), nullable=True),
    sa.Column('objective_ids', sa.JSON(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services'))
    )
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_services_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_services_plan_id'), ['plan_id'], unique=False)


def _signatures() -> None:
    op.create_table('signatures',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Text(), nullable=False),
    sa.Column('plan_version_id', sa.Text(), nullable=False),
    sa.Column('version_digest', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('signer_name', sa.Text(), nullable=False),
    sa.Column('signed_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('device', sa.Text(), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('strokes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures'))
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatures_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signatures_plan_version_id'), ['plan_version_id'], unique=False)


def _store_meta() -> None:
    op.create_table('store_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_store_meta'))
    )


TABLES = {
    'assessments': _assessments,
    'audit_events': _audit_events,
    'barriers': _barriers,
    'case_notes': _case_notes,
    'counseling_statements': _counseling_statements,
    'goals': _goals,
    'hub_applied_changes': _hub_applied_changes,
    'hub_bundles': _hub_bundles,
    'hub_conflicts': _hub_conflicts,
    'hub_device_audit': _hub_device_audit,
    'hub_device_audit_forks': _hub_device_audit_forks,
    'hub_device_participants': _hub_device_participants,
    'hub_devices': _hub_devices,
    'hub_profiles': _hub_profiles,
    'hub_quarantine': _hub_quarantine,
    'hub_signed_pdfs': _hub_signed_pdfs,
    'objectives': _objectives,
    'participants': _participants,
    'plan_versions': _plan_versions,
    'plans': _plans,
    'reviews': _reviews,
    'services': _services,
    'signatures': _signatures,
    'store_meta': _store_meta,
}


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, make in TABLES.items():
        if name not in existing:
            make()


def downgrade() -> None:
    op.drop_table('store_meta')
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatures_plan_version_id'))
        batch_op.drop_index(batch_op.f('ix_signatures_plan_id'))

    op.drop_table('signatures')
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_services_plan_id'))
        batch_op.drop_index(batch_op.f('ix_services_participant_id'))

    op.drop_table('services')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_plan_id'))
        batch_op.drop_index(batch_op.f('ix_reviews_case_note_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index('ix_plans_participant_status')
        batch_op.drop_index(batch_op.f('ix_plans_participant_id'))

    op.drop_table('plans')
    with op.batch_alter_table('plan_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_versions_plan_id'))

    op.drop_table('plan_versions')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_last_first')

    op.drop_table('participants')
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objectives_plan_id'))
        batch_op.drop_index(batch_op.f('ix_objectives_goal_id'))

    op.drop_table('objectives')
    op.drop_table('hub_signed_pdfs')
    with op.batch_alter_table('hub_quarantine', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_quarantine_bundle_id'))

    op.drop_table('hub_quarantine')
    op.drop_table('hub_profiles')
    op.drop_table('hub_devices')
    op.drop_table('hub_device_participants')
    with op.batch_alter_table('hub_device_audit_forks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_device_audit_forks_device_id'))

    op.drop_table('hub_device_audit_forks')
    op.drop_table('hub_device_audit')
    with op.batch_alter_table('hub_conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_conflicts_record_id'))
        batch_op.drop_index(batch_op.f('ix_hub_conflicts_change_id'))

    op.drop_table('hub_conflicts')
    with op.batch_alter_table('hub_bundles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_bundles_device_id'))

    op.drop_table('hub_bundles')
    with op.batch_alter_table('hub_applied_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_applied_changes_record_id'))
        batch_op.drop_index(batch_op.f('ix_hub_applied_changes_device_id'))
        batch_op.drop_index(batch_op.f('ix_hub_applied_changes_bundle_id'))

    op.drop_table('hub_applied_changes')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_plan_id'))

    op.drop_table('goals')
    with op.batch_alter_table('counseling_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_counseling_statements_plan_id'))
        batch_op.drop_index(batch_op.f('ix_counseling_statements_participant_id'))

    op.drop_table('counseling_statements')
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_notes_plan_id'))
        batch_op.drop_index(batch_op.f('ix_case_notes_participant_id'))
        batch_op.drop_index(batch_op.f('ix_case_notes_corrects_id'))

    op.drop_table('case_notes')
    with op.batch_alter_table('barriers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_barriers_service_id'))
        batch_op.drop_index(batch_op.f('ix_barriers_plan_id'))

    op.drop_table('barriers')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_record_id'))

    op.drop_table('audit_events')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_plan_id'))
        batch_op.drop_index(batch_op.f('ix_assessments_participant_id'))

    op.drop_table('assessments')
