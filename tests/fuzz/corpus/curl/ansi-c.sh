curl -X PURGE 'http://127.0.0.1/x' -H 'A: b' --data-raw $'x\ny'
