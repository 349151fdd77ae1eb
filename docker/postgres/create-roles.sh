#!/bin/bash
# Run once by the postgres:17 image's entry point (/docker-entrypoint-initdb.d) when the data
# volume is empty, as the bootstrap superuser, which no service uses: one login role per
# service owning only its schema, and the operator role for changing devices by hand. The same
# roles as ./run-local's (local-stack DatabaseRoles); docs/operations.md, "Securing PostgreSQL".
# Passwords are letters and digits (e.g. `openssl rand -hex 32`), so they need no quoting.
set -eu
for variable in POSTGRES_PUBLISHER_PASSWORD POSTGRES_ACTIVITY_PASSWORD POSTGRES_ALEXA_PASSWORD \
		POSTGRES_IFTTT_PASSWORD POSTGRES_OPERATOR_PASSWORD; do
	if ! printenv "$variable" | grep -Eq '^[A-Za-z0-9]{16,128}$'; then
		echo "postgres: set $variable in .env to 16-128 letters and digits (openssl rand -hex 32)" >&2
		exit 1
	fi
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v db="$POSTGRES_DB" \
	-v publisher="$POSTGRES_PUBLISHER_PASSWORD" -v activity="$POSTGRES_ACTIVITY_PASSWORD" \
	-v alexa="$POSTGRES_ALEXA_PASSWORD" -v ifttt="$POSTGRES_IFTTT_PASSWORD" \
	-v operator="$POSTGRES_OPERATOR_PASSWORD" <<'SQL'
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE ROLE virtdevice_publisher LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'publisher';
CREATE ROLE virtdevice_activity LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'activity';
CREATE ROLE virtdevice_alexa LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'alexa';
CREATE ROLE virtdevice_ifttt LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'ifttt';
-- Changes publisher devices by hand; the publisher's migration V5 grants it those tables only.
CREATE ROLE virtdevice_operator LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'operator';
GRANT CONNECT ON DATABASE :"db" TO virtdevice_publisher, virtdevice_activity, virtdevice_alexa, virtdevice_ifttt, virtdevice_operator;

CREATE SCHEMA publisher AUTHORIZATION virtdevice_publisher;
CREATE SCHEMA activity AUTHORIZATION virtdevice_activity;
CREATE SCHEMA alexa AUTHORIZATION virtdevice_alexa;
CREATE SCHEMA ifttt AUTHORIZATION virtdevice_ifttt;
SQL
