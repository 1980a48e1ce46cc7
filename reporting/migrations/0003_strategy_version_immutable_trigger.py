"""On PostgreSQL, the database itself refuses UPDATE and DELETE of an approved strategy version
(a row trigger), whatever path the statement takes. Other databases rely on the model's and the
queryset's refusals."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION reporting_strategyversion_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'approved strategy versions are immutable: ' || TG_OP || ' refused',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER reporting_strategyversion_immutable
    BEFORE UPDATE OR DELETE ON reporting_strategyversion
    FOR EACH ROW EXECUTE FUNCTION reporting_strategyversion_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS reporting_strategyversion_immutable ON reporting_strategyversion;
DROP FUNCTION IF EXISTS reporting_strategyversion_immutable();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_approval_and_versions")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
