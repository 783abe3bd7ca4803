"""account tokens: why a link ended early (withdrawn, the inviter lost the right...) and by whom

Revision ID: d4e8a1c6f305
Revises: 577168b4366a
Create Date: 2026-12-03 19:20:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd4e8a1c6f305'
down_revision = '577168b4366a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('account_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'ended_reason', sa.Enum('withdrawn', 'inviter_lost_right', 'invitee_deactivated',
                                    'superseded', name='token_end', native_enum=False,
                                    create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('ended_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_account_token_ended_by_id_user'), 'user',
                                    ['ended_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('account_token', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_account_token_ended_by_id_user'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('ck_account_token_token_end'), type_='check')
        batch_op.drop_column('ended_by_id')
        batch_op.drop_column('ended_reason')
