"""cycles: the compiled report's masthead (symbol, meeting, agenda item, original language)

Revision ID: c7a1e4d2b9f0
Revises: 3895bd6fce59
Create Date: 2026-12-03 16:05:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c7a1e4d2b9f0'
down_revision = '3895bd6fce59'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cycle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_symbol', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('meeting_place', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('meeting_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('meeting_end', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('agenda_item', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('agenda_title', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('report_original_language', sa.String(length=5),
                                      server_default='en', nullable=False))


def downgrade():
    with op.batch_alter_table('cycle', schema=None) as batch_op:
        batch_op.drop_column('report_original_language')
        batch_op.drop_column('agenda_title')
        batch_op.drop_column('agenda_item')
        batch_op.drop_column('meeting_end')
        batch_op.drop_column('meeting_start')
        batch_op.drop_column('meeting_place')
        batch_op.drop_column('report_symbol')
