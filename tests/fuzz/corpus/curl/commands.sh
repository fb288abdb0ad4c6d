# Copied from a browser and from API docs
curl 'http://127.0.0.1:8080/api/users?limit=10' \
  -H 'Accept: application/json' \
  -H 'Cookie: sid=abc; theme=dark' \
  --compressed

curl -sSL -X PURGE "http://127.0.0.1:8080/cache/\"quoted\"" -H"X-Reason: stale"

curl --request=PROPFIND --header 'Depth: 1' --data-binary @body.xml http://127.0.0.1:8080/dav/

curl -u admin:hunter2 -d name=Lamp -d price=12 -A 'VerbScope test' -e http://ref.example/ http://127.0.0.1:8080/products

curl -G --data-urlencode 'q=a b&c' -d page=2 http://127.0.0.1:8080/search

curl -I -k https://127.0.0.1:8443/

curl -F title=Photo -F 'image=@lamp.png;type=image/png' --url http://127.0.0.1:8080/upload

curl -XPOST --data-raw $'line1\nline2\t\x41\'s' -H $'X-Tab: a\tb' http://127.0.0.1:8080/raw

curl -x http://proxy:3128 -b cookies.txt --max-time 5 list-host.example/things
