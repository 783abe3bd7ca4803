"""report_job: submission PDFs built by the job worker too (kind, response, content key)

Revision ID: d4f1a9c3e7b2
Revises: d4e8a1c6f305
Create Date: 2026-12-03 19:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd4f1a9c3e7b2'
down_revision = 'd4e8a1c6f305'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('report_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='report',
                                      nullable=False))
        batch_op.add_column(sa.Column('response_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('content_key', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_report_job_content_key', ['content_key'])
        batch_op.create_index('ix_report_job_kind_status', ['kind', 'status'])
        batch_op.create_foreign_key('fk_report_job_response_id_response', 'response',
                                    ['response_id'], ['id'], ondelete='CASCADE')


def downgrade():
    with op.batch_alter_table('report_job', schema=None) as batch_op:
        batch_op.drop_constraint('fk_report_job_response_id_response', type_='foreignkey')
        batch_op.drop_index('ix_report_job_kind_status')
        batch_op.drop_index('ix_report_job_content_key')
        batch_op.drop_column('content_key')
        batch_op.drop_column('response_id')
        batch_op.drop_column('kind')
