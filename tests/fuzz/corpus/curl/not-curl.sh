ls -la
echo "curl"
