curl -H "A: 1" http://h/a --next -X PUT -d x=1 http://h/b -: -I http://h/c
curl -u bob:pw --digest http://h/d; curl --negotiate -u : http://h/n
curl --url-query a=b --noproxy x --variable x=y --etag-compare f http://h/q
