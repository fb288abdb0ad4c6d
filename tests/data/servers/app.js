// An Express application with one GET route, on 127.0.0.1 and the port given as the argument.
// Express is loaded from the folder `scripts/dev deps` installs it into (@NPM_MODULES@).
const express = require('@NPM_MODULES@/express');
const app = express();
app.get('/', (req, res) => res.send('express fixture\n'));
app.listen(Number(process.argv[2]), '127.0.0.1');
