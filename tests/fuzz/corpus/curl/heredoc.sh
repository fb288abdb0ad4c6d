curl --data-binary @- http://h/ <<'EOF' && curl -T - http://h/up < body.bin
{"a": 1}
EOF
cat x | curl -d @- http://h/p 2>&1 > out
curl -d @- http://h/s <<< "x y"
curl a <<-END
	x
	END
curl b <<EOF
