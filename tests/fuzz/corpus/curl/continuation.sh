curl http://127.0.0.1/ \
  -u user:pass \
  --compressed -k -L --max-time 5 -F "f=@file.txt" -d @data.json
