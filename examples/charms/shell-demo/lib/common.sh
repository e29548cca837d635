# Shared by shell-demo's hooks: shows the unit's state in its status and publishes where it
# serves on every website relation. Only Juju's hook tools are used.

# The port and greeting from config.
port() { config-get port; }
greeting() { config-get greeting; }

# Writes hostname and port into this unit's bag of every website relation.
publish_website() {
  for relation in $(relation-ids website); do
    relation-set -r "$relation" hostname="$(unit-get private-address)" port="$(port)"
  done
}

# The status says what the page shows, and which database (if any) counts its visitors.
show_status() {
  host=""
  for relation in $(relation-ids database); do
    remote=$(relation-list -r "$relation" --app)
    host=$(relation-get -r "$relation" --app host "$remote")
  done
  if [ -n "$host" ]; then
    status-set active "$(greeting) on :$(port), counting visits in $host"
  else
    status-set active "$(greeting) on :$(port)"
  fi
}
