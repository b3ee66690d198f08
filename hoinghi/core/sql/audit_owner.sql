-- The audit log belongs to its own role, hoinghi_audit; the application's role may only read it and add to it.
--
-- Run as a PostgreSQL superuser in the application's database after every `hoinghi migrate` (it is idempotent):
--   su postgres -c "psql -v ON_ERROR_STOP=1 -d hoinghi -f hoinghi/core/sql/audit_owner.sql"
-- The application's role is the database's owner; name another with PGOPTIONS="-c hoinghi.app_role=NAME".
--
-- Afterwards the application's role cannot UPDATE, DELETE or TRUNCATE an event, ALTER or DROP the table, disable
-- or drop its triggers, replace their function, or add a trigger of its own; nor drop the table through the
-- schema, whose owner it no longer is (it keeps CREATE on it for its own tables and migrations). It may read the
-- sequence's position (SELECT, not setval), which pg_dump needs for `hoinghi backup`.
DO $$
DECLARE
  app text := coalesce(
    nullif(current_setting('hoinghi.app_role', true), ''),
    (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()));
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = app) THEN
    RAISE EXCEPTION 'the application''s role % is a superuser: give the application an ordinary role', app;
  END IF;
  BEGIN
    CREATE ROLE hoinghi_audit NOLOGIN;
  EXCEPTION WHEN duplicate_object THEN NULL;  -- made by an earlier run, or for another database
  END;
  ALTER SCHEMA public OWNER TO hoinghi_audit;
  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA public TO %I', app);
  ALTER TABLE public.core_auditevent OWNER TO hoinghi_audit;
  ALTER FUNCTION public.core_auditevent_refuse() OWNER TO hoinghi_audit;
  EXECUTE format('REVOKE ALL ON public.core_auditevent FROM PUBLIC, %I', app);
  EXECUTE format('GRANT SELECT, INSERT ON public.core_auditevent TO %I', app);
  EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', pg_get_serial_sequence('public.core_auditevent', 'id'), app);
END $$;
