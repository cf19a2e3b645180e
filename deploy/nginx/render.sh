#!/bin/sh
# Renders rollbook.conf.template with the NGINX_* values of an env file (like
# rollbook-nginx.env), leaving nginx's own $variables alone:
#   deploy/nginx/render.sh /etc/rollbook/nginx.env > /etc/nginx/conf.d/rollbook.conf
set -eu
env_file=${1:?usage: render.sh ENV_FILE > /etc/nginx/conf.d/rollbook.conf}
set -a
. "$env_file"
set +a
for name in NGINX_SERVER_NAME NGINX_LISTEN NGINX_TLS_CERTIFICATE NGINX_TLS_CERTIFICATE_KEY \
  NGINX_UPSTREAMS_FILE NGINX_ACCESS_LOG; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || { echo "render.sh: $name is not set in $env_file" >&2; exit 1; }
done
exec envsubst '${NGINX_SERVER_NAME} ${NGINX_LISTEN} ${NGINX_TLS_CERTIFICATE}
  ${NGINX_TLS_CERTIFICATE_KEY} ${NGINX_UPSTREAMS_FILE} ${NGINX_ACCESS_LOG}' \
  < "$(dirname "$0")/rollbook.conf.template"
