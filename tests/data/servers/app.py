# A Flask application with one route that takes GET and POST; Werkzeug's development server runs it.
from flask import Flask

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def index():
    return "flask fixture\n"
