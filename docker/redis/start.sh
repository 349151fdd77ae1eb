#!/bin/sh
# Entry point of the redis:7 container in docker-compose.yml: writes the ACL file from
# users.acl.template and the passwords in the environment, then starts Redis with it.
# Passwords are letters and digits (e.g. `openssl rand -hex 32`), so they need no quoting.
set -eu
template=${VIRTDEVICE_ACL_TEMPLATE:-/etc/virtdevice/users.acl.template}
acl=${VIRTDEVICE_ACL_FILE:-/tmp/users.acl}
umask 077
grep -v "^#" "$template" >"$acl"
for name in $(grep -o "__[A-Z_]*__" "$acl" | sort -u); do
	variable=$(echo "$name" | sed 's/^__//; s/__$//')
	value=$(printenv "$variable" || true)
	if ! echo "$value" | grep -Eq '^[A-Za-z0-9]{16,128}$'; then
		echo "redis: set $variable in .env to 16-128 letters and digits (openssl rand -hex 32)" >&2
		exit 1
	fi
	sed -i "s/$name/$value/" "$acl"
done
exec redis-server --aclfile "$acl" --appendonly no --save "" "$@"
