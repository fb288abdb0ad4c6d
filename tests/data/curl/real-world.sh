# SPDX-License-Identifier: GPL-3.0-or-later
# curl command lines in the shapes public READMEs, API references and browsers' "Copy as cURL"
# use them (written for VerbScope, informed by what those documents show; no document is copied).
# Each case starts with "#=== name"; then the text pasted; then what the import must give:
#   #> METHOD TARGET   the requests, in order ("#> none" for no request)
#   #h Name: value     a header of the first request      #b text   its body (\n for a line break)
#   #! text            a report line must contain text    #v name=value  a variable of the first request
#   #x Name            the first request has no such header
#=== plain GET
curl https://api.example.com/v1/users
#> GET https://api.example.com/v1/users
#=== GET without a scheme
curl localhost:8080/health
#> GET http://localhost:8080/health
#=== silent, show errors, follow
curl -sSL https://get.example.sh
#> GET https://get.example.sh
#! -s -S: only change curl's own output
#=== fail silently with output file
curl -fsSLo /tmp/install.sh https://example.org/install.sh
#> GET https://example.org/install.sh
#! -f -s -S -o: only change curl's own output
#=== include response headers
curl -i https://api.example.com/status
#> GET https://api.example.com/status
#=== head request
curl -I https://example.com/
#> HEAD https://example.com/
#=== head with long option
curl --head --silent https://example.com/robots.txt
#> HEAD https://example.com/robots.txt
#=== verbose
curl -v http://127.0.0.1:9200/
#> GET http://127.0.0.1:9200/
#=== explicit GET with -X
curl -X GET "http://localhost:9200/_cat/indices?v"
#> GET http://localhost:9200/_cat/indices?v
#=== DELETE
curl -X DELETE http://localhost:3000/todos/1
#> DELETE http://localhost:3000/todos/1
#=== DELETE glued
curl -XDELETE 'localhost:9200/twitter'
#> DELETE http://localhost:9200/twitter
#=== lower-case method kept
curl -X patch https://api.example.com/items/3 -d 'x=1'
#> patch https://api.example.com/items/3
#=== JSON POST, README style
curl -X POST http://localhost:3000/api/generate \
  -H "Content-Type: application/json" \
  -d '{"code":"function test() {}","docType":"README"}'
#> POST http://localhost:3000/api/generate
#h Content-Type: application/json
#b {"code":"function test() {}","docType":"README"}
#=== JSON POST, header without space
curl -X POST "http://localhost:8080/" -H "Content-Type:application/json" --data '{ "field": "value" }'
#> POST http://localhost:8080/
#h Content-Type: application/json
#=== --data before --header
curl --data '{"name":"tom", "age": 10}' \
     --header 'Content-Type: application/json' \
     http://localhost/api/v1/user/add
#> POST http://localhost/api/v1/user/add
#b {"name":"tom", "age": 10}
#=== multi-line JSON in single quotes
curl --include --request POST http://localhost:3000/examples \
  --header "Authorization: Token token=abc" \
  --header "Content-Type: application/json" \
  --data '{
    "example": {
      "text": "my first example"
    }
  }'
#> POST http://localhost:3000/examples
#h Authorization: Token token=abc
#b {\n    "example": {\n      "text": "my first example"\n    }\n  }
#=== PUT with JSON and verbose in the middle
curl -X PUT --header 'content-type: application/json' -v 'http://0.0.0.0:8000/README.md' -d '{"a": "b"}'
#> PUT http://0.0.0.0:8000/README.md
#=== output redirected after a multi-line body
curl -X POST https://api.example.dev/v1/users -H "Content-Type: application/json" -d '{
  "role": "QA",
  "remote": true
}' > /tmp/user.json
#> POST https://api.example.dev/v1/users
#! > /tmp/user.json: only change curl's own output
#=== form fields
curl -d "param1=value1&param2=value2" -X POST http://localhost:3000/data
#> POST http://localhost:3000/data
#h Content-Type: application/x-www-form-urlencoded
#b param1=value1&param2=value2
#=== several -d joined with &
curl -d name=lamp -d price=12 -d 'tag=a b' https://shop.example/items
#> POST https://shop.example/items
#b name=lamp&price=12&tag=a b
#=== data-urlencode forms
curl --data-urlencode 'q=hello world' --data-urlencode '=a&b' --data-urlencode 'plain' https://s.example/
#> POST https://s.example/
#b q=hello%20world&a%26b&plain
#=== data-urlencode from a file
curl --data-urlencode name@message.txt https://s.example/post
#> POST https://s.example/post
#! content from a file is not read at import
#=== -G turns data into the query
curl -G https://api.example.com/search -d q=curl -d page=2
#> GET https://api.example.com/search?q=curl&page=2
#=== -G with urlencode, as search APIs document it
curl -G "https://api.example.com/search" --data-urlencode "query=name:\"Acme Inc\"" -H "Accept: application/json"
#> GET https://api.example.com/search?query=name%3A%22Acme%20Inc%22
#=== -G with a URL that has a query
curl -G 'https://h.example/list?sort=asc' -d limit=10
#> GET https://h.example/list?sort=asc&limit=10
#=== --url-query
curl --url-query "name=Joe Doe" --url-query +x=y%20z https://h.example/q
#> GET https://h.example/q?name=Joe%20Doe&x=y%20z
#=== --url-query with POST data
curl --url-query page=3 -d body=1 https://h.example/q
#> POST https://h.example/q?page=3
#b body=1
#=== data-raw keeps @
curl --data-raw '@not-a-file' https://h.example/raw
#> POST https://h.example/raw
#b @not-a-file
#=== data from a file
curl -X POST -H 'Content-Type: application/json' -d @payload.json http://localhost:8080/api
#> POST http://localhost:8080/api
#b < ./payload.json
#! curl strips line breaks from a -d @file
#=== data-binary from a file
curl --data-binary @data/big.bin -H 'Content-Type: application/octet-stream' https://up.example/bin
#> POST https://up.example/bin
#b < ./data/big.bin
#=== data-binary from stdin via a pipe
cat MT940.txt | curl -X POST "http://localhost:8080/" -H "Content-Type:application/mt940" --data-binary @-
#> POST http://localhost:8080/
#! cat: not a curl command
#! reads standard input, which is not part of the command
#=== here-document body
curl -X POST http://localhost:8080/graphql -H 'Content-Type: application/json' --data-binary @- <<'EOF'
{"query": "{ me { id } }"}
EOF
#> POST http://localhost:8080/graphql
#b {"query": "{ me { id } }"}\n
#=== here-document with tabs stripped
curl -d @- http://localhost:8080/form <<-END
	a=1
	&b=2
	END
#> POST http://localhost:8080/form
#b a=1&b=2
#=== here-string
curl --json @- https://h.example/j <<< '{"k":1}'
#> POST https://h.example/j
#b {"k":1}\n
#=== stdin from a file
curl --data-binary @- https://h.example/in < body.json
#> POST https://h.example/in
#b < ./body.json
#=== --json sets both headers
curl --json '{"tool": "curl"}' https://api.example.com/tools
#> POST https://api.example.com/tools
#h Content-Type: application/json
#h Accept: application/json
#b {"tool": "curl"}
#=== --json keeps a given Accept
curl --json '{"a":1}' -H 'Accept: text/plain' https://api.example.com/x
#> POST https://api.example.com/x
#h Accept: text/plain
#=== --json from a file
curl --json @body.json https://api.example.com/x
#> POST https://api.example.com/x
#b < ./body.json
#=== multipart upload
curl -F "file=@photo.jpg" -F "caption=Holiday" https://up.example/photos
#> POST https://up.example/photos
#h Content-Type: multipart/form-data; boundary=VerbScopeFormBoundary
#=== multipart with type and filename
curl -F 'doc=@report.pdf;type=application/pdf;filename=q3.pdf' https://up.example/docs
#> POST https://up.example/docs
#=== multipart content of a file as value
curl --form 'story=<story.txt' https://up.example/story
#> POST https://up.example/story
#=== form-string keeps @
curl --form-string 'note=@home' https://up.example/notes
#> POST https://up.example/notes
#=== multipart with explicit PUT
curl -X PUT -F 'avatar=@me.png' https://api.example.com/me/avatar
#> PUT https://api.example.com/me/avatar
#=== upload with -T
curl -T example.zip -H "Content-Type: application/zip" https://uploads.example.com/assets
#> PUT https://uploads.example.com/assets
#b < ./example.zip
#=== upload with -T and POST
curl \
  -X POST \
  -H "Accept: application/vnd.github.v3+json" \
  -H "Content-Type: application/zip" \
  -T example.zip \
  https://uploads.example.com/repos/o/r/releases/42/assets
#> POST https://uploads.example.com/repos/o/r/releases/42/assets
#=== upload file long option
curl --upload-file ./backup.tar.gz https://transfer.example/backup.tar.gz
#> PUT https://transfer.example/backup.tar.gz
#b < ./backup.tar.gz
#=== basic auth
curl -u admin:secret https://api.example.com/admin
#> GET https://api.example.com/admin
#h Authorization: Basic YWRtaW46c2VjcmV0
#=== basic auth API key with empty password
curl https://api.stripe.example/v1/charges -u sk_test_123:
#> GET https://api.stripe.example/v1/charges
#h Authorization: Basic c2tfdGVzdF8xMjM6
#=== basic auth with long option and --basic
curl --basic --user 'u:p w' https://h.example/
#> GET https://h.example/
#h Authorization: Basic dTpwIHc=
#=== user without password
curl -u alice https://h.example/
#> GET https://h.example/
#! no password given
#=== digest auth
curl --digest -u admin:pw http://127.0.0.1:8080/digest-auth/auth/admin/pw
#> GET http://127.0.0.1:8080/digest-auth/auth/admin/pw
#v auth_digest_username=admin
#v auth_digest_password={{command1_digest_password}}
#! moved to http-client.private.env.json as $shared.command1_digest_password
#! the password is not sent
#=== ntlm auth
curl --ntlm -u 'DOMAIN\user:pass' https://intranet.example/
#> GET https://intranet.example/
#v auth_ntlm_username=DOMAIN\user
#=== negotiate
curl --negotiate -u : https://kerberos.example/
#> GET https://kerberos.example/
#v auth_negotiate_scheme=negotiate
#=== anyauth
curl --anyauth --user me:pw https://h.example/private
#> GET https://h.example/private
#v auth_anyauth_username=me
#=== aws sigv4
curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" https://abc.execute-api.us-east-1.amazonaws.com/prod/items
#> GET https://abc.execute-api.us-east-1.amazonaws.com/prod/items
#v auth_awsv4_provider=aws:amz:us-east-1:execute-api
#v auth_awsv4_username=$AWS_ACCESS_KEY_ID
#=== bearer token in a header
curl -H "Authorization: Bearer eyJhbGciOi" https://api.example.com/me
#> GET https://api.example.com/me
#h Authorization: Bearer eyJhbGciOi
#=== bearer from an environment variable
curl -H "Authorization: Bearer $TOKEN" https://api.example.com/me
#> GET https://api.example.com/me
#h Authorization: Bearer $TOKEN
#! $TOKEN: shell variables are left as written
#=== oauth2-bearer option
curl --oauth2-bearer mF_9.B5f-4.1JqM https://api.example.com/resource
#> GET https://api.example.com/resource
#h Authorization: Bearer mF_9.B5f-4.1JqM
#=== GitHub API style
curl -L \
  -H "Accept: application/vnd.github+json" \
  -H "Authorization: Bearer <YOUR-TOKEN>" \
  -H "X-GitHub-Api-Version: 2022-11-28" \
  https://api.github.com/repos/OWNER/REPO/issues
#> GET https://api.github.com/repos/OWNER/REPO/issues
#h X-GitHub-Api-Version: 2022-11-28
#=== GitHub API POST with -L and -X
curl -L \
  -X POST \
  -H "Accept: application/vnd.github+json" \
  https://api.github.com/repos/OWNER/REPO/issues \
  -d '{"title":"Found a bug","labels":["bug"]}'
#> POST https://api.github.com/repos/OWNER/REPO/issues
#=== Elasticsearch index document
curl -X PUT "localhost:9200/my-index-000001/_doc/1?pretty" -H 'Content-Type: application/json' -d'
{
  "user": { "id": "kimchy" }
}
'
#> PUT http://localhost:9200/my-index-000001/_doc/1?pretty
#=== Elasticsearch with credentials and CA
curl --cacert http_ca.crt -u elastic:$ELASTIC_PASSWORD https://localhost:9200
#> GET https://localhost:9200
#! --cacert: TLS and client-certificate settings
#=== insecure
curl -k https://self-signed.example/
#> GET https://self-signed.example/
#=== insecure long, with timeout
curl --insecure --max-time 10 https://self-signed.example/slow
#> GET https://self-signed.example/slow
#! --max-time: kept as @timeout
#=== connect timeout reported
curl --connect-timeout 5 https://h.example/
#> GET https://h.example/
#! --connect-timeout: how curl connects
#=== user agent and referer
curl -A "Mozilla/5.0" -e https://ref.example/ https://h.example/page
#> GET https://h.example/page
#h User-Agent: Mozilla/5.0
#h Referer: https://ref.example/
#=== referer ;auto
curl --referer 'https://a.example/;auto' -L https://h.example/
#> GET https://h.example/
#h Referer: https://a.example/
#=== cookie string
curl -b 'session=abc123; theme=dark' https://h.example/dash
#> GET https://h.example/dash
#h Cookie: session=abc123; theme=dark
#=== cookie file and jar
curl -b cookies.txt -c cookies.txt https://h.example/login
#> GET https://h.example/login
#! cookies from a file are not read at import
#! -c: VerbScope keeps its own cookie jar
#=== empty header with ;
curl -H 'X-Empty;' https://h.example/
#> GET https://h.example/
#h X-Empty:
#=== header removal
curl -H 'Accept:' https://h.example/
#> GET https://h.example/
#! curl removes an internal header
#=== header from a file
curl -H @headers.txt https://h.example/
#> GET https://h.example/
#! headers from a file are not read at import
#=== compressed
curl --compressed https://h.example/big.json
#> GET https://h.example/big.json
#h Accept-Encoding: deflate, gzip, br, zstd
#=== compressed with the header given after it
curl --compressed -H 'Accept-Encoding: gzip' https://h.example/gz
#> GET https://h.example/gz
#h Accept-Encoding: gzip
#=== compressed switched off again
curl --compressed --no-compressed https://h.example/plain
#> GET https://h.example/plain
#x Accept-Encoding
#=== proxy
curl -x http://proxy.local:3128 https://h.example/
#> GET https://h.example/
#! -x: VerbScope's proxy is the app's setting
#=== socks proxy
curl --socks5-hostname 127.0.0.1:9050 http://onion.example/
#> GET http://onion.example/
#! --socks5-hostname: VerbScope's proxy
#=== noproxy
curl --noproxy '*' http://internal.example/
#> GET http://internal.example/
#! --noproxy
#=== variable (curl 8.3)
curl --variable host=example.com --expand-url "https://{{host}}/" https://h.example/v
#> GET https://{{host}}/
#> GET https://h.example/v
#! --variable: controls curl itself
#! --expand-url: curl's --expand variables are not carried over
#=== etag compare and save
curl --etag-compare etag.txt --etag-save etag.txt https://h.example/file
#> GET https://h.example/file
#! --etag-compare: a curl behaviour with no .http directive
#=== range
curl -r 0-99 https://h.example/big.bin
#> GET https://h.example/big.bin
#! -r: a curl behaviour
#=== retry
curl --retry 5 --retry-delay 2 -fsS https://h.example/ready
#> GET https://h.example/ready
#! --retry: a curl behaviour
#=== resolve and connect-to
curl --resolve example.com:443:127.0.0.1 --connect-to a.example:443:b.example:8443 https://example.com/
#> GET https://example.com/
#! --resolve: how curl connects
#=== http2 prior knowledge
curl --http2-prior-knowledge http://localhost:8080/
#> GET http://localhost:8080/
#! --http2-prior-knowledge
#=== http1.1 is output-only
curl --http1.1 https://h.example/
#> GET https://h.example/
#=== unix socket (Docker API)
curl --unix-socket /var/run/docker.sock http://localhost/v1.41/containers/json
#> GET http://localhost/v1.41/containers/json
#! --unix-socket: how curl connects
#=== write-out
curl -o /dev/null -s -w "%{http_code}\n" https://h.example/
#> GET https://h.example/
#! -o -s -w: only change curl's own output
#=== dump header
curl -D - https://h.example/
#> GET https://h.example/
#=== remote name
curl -O https://releases.example/tool-1.2.tar.gz
#> GET https://releases.example/tool-1.2.tar.gz
#=== remote name with -J -L
curl -JLO https://releases.example/latest
#> GET https://releases.example/latest
#=== output then pipe to a shell
curl -fsSL https://get.example.com | sh
#> GET https://get.example.com
#! sh: not a curl command
#=== pipe to jq
curl -s https://api.example.com/items | jq '.[0]'
#> GET https://api.example.com/items
#! jq: not a curl command
#=== two commands with &&
curl -X POST http://localhost:8080/reset && curl http://localhost:8080/state
#> POST http://localhost:8080/reset
#> GET http://localhost:8080/state
#=== two commands with ;
curl -s http://a.example/1; curl -s http://a.example/2
#> GET http://a.example/1
#> GET http://a.example/2
#=== two commands on two lines with a comment
# create
curl -d a=1 http://a.example/items
# list
curl http://a.example/items
#> POST http://a.example/items
#> GET http://a.example/items
#=== prompt character pasted
$ curl http://a.example/prompt
#> none
#! $: not a curl command
#=== export then curl
export TOKEN=abc
curl -H "Authorization: Bearer ${TOKEN}" http://a.example/me
#> GET http://a.example/me
#h Authorization: Bearer ${TOKEN}
#! ${TOKEN}: shell variables are left as written
#! export: not a curl command
#=== several URLs
curl http://a.example/1 http://a.example/2 http://a.example/3
#> GET http://a.example/1
#> GET http://a.example/2
#> GET http://a.example/3
#=== several URLs share options
curl -H 'X-Trace: 1' -X PURGE http://cache.example/a http://cache.example/b
#> PURGE http://cache.example/a
#> PURGE http://cache.example/b
#=== --url option
curl --url https://h.example/by-option -s
#> GET https://h.example/by-option
#=== --next resets options
curl -d a=1 http://n.example/post --next http://n.example/get
#> POST http://n.example/post
#> GET http://n.example/get
#=== --next with its own method and headers
curl -H 'A: 1' http://n.example/a -: -X DELETE -H 'B: 2' http://n.example/b
#> GET http://n.example/a
#> DELETE http://n.example/b
#=== end of options
curl -s -- -weird-name.example
#> GET http://-weird-name.example
#=== cluster with argument inside
curl -sXPOST http://c.example/x
#> POST http://c.example/x
#=== header glued to -H
curl -H'Accept: application/xml' http://c.example/xml
#> GET http://c.example/xml
#h Accept: application/xml
#=== --option=value is not curl's syntax
curl --header='X-A: 1' http://c.example/eq
#> GET http://c.example/eq
#h X-A: 1
#! curl itself refuses --option=value
#=== --no- negation
curl -L --no-location http://c.example/no
#> GET http://c.example/no
#=== ANSI-C quoting
curl -H $'X-Tab: a\tb' --data-binary $'line1\nline2' http://c.example/ansi
#> POST http://c.example/ansi
#b line1\nline2
#=== double quotes with escapes
curl -d "{\"name\": \"Jane\", \"cost\": \"\$5\"}" http://c.example/dq
#> POST http://c.example/dq
#b {"name": "Jane", "cost": "$5"}
#=== single quote inside by closing and reopening
curl -d 'it'"'"'s' http://c.example/sq
#> POST http://c.example/sq
#b it's
#=== Chrome Copy as cURL (bash)
curl 'https://www.example.com/api/graphql' \
  -H 'accept: */*' \
  -H 'accept-language: en-US,en;q=0.9' \
  -H 'content-type: application/json' \
  -H 'cookie: _ga=GA1.1; sid=xyz' \
  -H 'origin: https://www.example.com' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' \
  --data-raw '{"operationName":"Q","variables":{},"query":"query Q { a }"}' \
  --compressed
#> POST https://www.example.com/api/graphql
#h cookie: _ga=GA1.1; sid=xyz
#h Accept-Encoding: deflate, gzip, br, zstd
#=== Firefox Copy as cURL with -X
curl 'https://www.example.com/login' -X POST -H 'User-Agent: Mozilla/5.0' -H 'Accept: text/html' -H 'Content-Type: application/x-www-form-urlencoded' -H 'Origin: https://www.example.com' -H 'Connection: keep-alive' --data-raw 'user=a&pass=b'
#> POST https://www.example.com/login
#b user=a&pass=b
#=== curl with a path
/usr/bin/curl -s http://localhost:8080/abs
#> GET http://localhost:8080/abs
#=== sudo curl is not curl
sudo curl -o /usr/local/bin/tool https://releases.example/tool
#> none
#! sudo: not a curl command
#=== config file
curl -K request.cfg http://k.example/
#> GET http://k.example/
#! -K: controls curl itself
#=== netrc
curl --netrc-file ~/.netrc https://k.example/
#> GET https://k.example/
#! --netrc-file: credentials from a .netrc file
#=== client certificate
curl --cert client.pem --key key.pem https://mtls.example/
#> GET https://mtls.example/
#! --cert: TLS and client-certificate settings
#=== tls version
curl --tlsv1.2 --tls-max 1.3 https://tls.example/
#> GET https://tls.example/
#! --tlsv1.2: TLS
#=== ftp upload is not HTTP
curl -T file.txt --ftp-create-dirs ftp://ftp.example/dir/
#> PUT ftp://ftp.example/dir/
#! --ftp-create-dirs: not HTTP
#=== limit rate
curl --limit-rate 100K -O https://h.example/iso
#> GET https://h.example/iso
#! --limit-rate
#=== parallel
curl -Z http://p.example/1 http://p.example/2
#> GET http://p.example/1
#> GET http://p.example/2
#! -Z: controls curl itself
#=== max-redirs with -L
curl -L --max-redirs 3 http://r.example/
#> GET http://r.example/
#! --max-redirs
#=== post301 with data
curl -L --post301 -d x=1 http://r.example/moved
#> POST http://r.example/moved
#! --post301
#=== time condition
curl -z "Wed 01 Sep 2021 12:18:00" https://h.example/if-newer
#> GET https://h.example/if-newer
#! -z: a curl behaviour
#=== request target
curl --request-target '*' -X OPTIONS http://h.example/
#> OPTIONS http://h.example/
#! --request-target
#=== path as is
curl --path-as-is http://h.example/../etc/passwd
#> GET http://h.example/../etc/passwd
#! --path-as-is
#=== JSON data with an environment variable
curl -X POST https://hooks.example.com/services/T/B/X -H 'Content-type: application/json' --data "{\"text\":\"Deploy of $APP done\"}"
#> POST https://hooks.example.com/services/T/B/X
#b {"text":"Deploy of $APP done"}
#=== heredoc body and another command after
curl -sS -X POST -d @- http://h.example/a <<EOF
k=v
EOF
curl http://h.example/b
#> POST http://h.example/a
#> GET http://h.example/b
#b k=v
#=== -d @- without any stdin
curl -d @- http://h.example/nostdin
#> POST http://h.example/nostdin
#! reads standard input, which is not part of the command
#=== -T - from a here-document
curl -T - http://h.example/put <<EOF
raw text
EOF
#> PUT http://h.example/put
#b raw text\n
#=== -G with -I
curl -G -I -d a=1 http://h.example/hq
#> HEAD http://h.example/hq?a=1
#=== data with GET method override
curl -X GET -d '{"query":{"match_all":{}}}' -H 'Content-Type: application/json' http://localhost:9200/_search
#> GET http://localhost:9200/_search
#b {"query":{"match_all":{}}}
#=== space in the URL is encoded
curl "http://h.example/a b"
#> GET http://h.example/a%20b
#=== globbing brackets are kept
curl -g 'http://[::1]:8080/ipv6'
#> GET http://[::1]:8080/ipv6
#=== ipv4 flag
curl -4 http://h.example/v4
#> GET http://h.example/v4
#=== trace-ascii
curl --trace-ascii /dev/stdout http://h.example/t
#> GET http://h.example/t
#=== stderr redirect
curl -v http://h.example/err 2>&1 | grep '<'
#> GET http://h.example/err
#! grep: not a curl command
#=== unknown option refuses the command
curl --frobnicate http://h.example/unknown
#> none
#! --frobnicate at line 1, column 6
#=== data-ascii is --data
curl --data-ascii 'a=1' http://h.example/ascii
#> POST http://h.example/ascii
#b a=1
#=== Chrome Copy as cURL (cmd)
curl ^"https://www.example.com/api?x=1^&y=2^" ^
  -H ^"accept: */*^" ^
  --compressed
#> GET https://www.example.com/api?x=1&y=2
#=== PowerShell backtick continuation
curl.exe -X POST `
  -H "Content-Type: application/json" `
  http://localhost:5000/api/ps
#> POST http://localhost:5000/api/ps
