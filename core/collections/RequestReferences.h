// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/Exchange.h"
#include "core/http/RequestSpec.h"

#include <QString>

#include <optional>

namespace verbscope::collections {

// `{{login.response.body.$.token}}`: REST Client's and httpyac's request variables, a value taken
// from an earlier request of the same file, named with `# @name login`.
struct RequestReference {
    enum class Part { Request, Response };
    enum class Section { Body, Headers };
    QString name; // the @name
    Part part = Part::Response;
    Section section = Section::Body;
    QString selector; // `*`, a JSONPath `$.a[0]`, an XPath `//token`, or a header name
    // httpyac's own form, `{{login.token}}`: the named request's JSON body, `.token` of it. Only a
    // reference when a request of the file has that name; otherwise an ordinary variable name.
    bool httpyacForm = false;

    // A variable name read as a reference; nothing when it is not one ("host", "$uuid").
    static std::optional<RequestReference> parse(const QString &variable);
    // The value it selects in `sent` (the request as sent) and `exchange`; `error` says why there is
    // none ("login's body is not JSON", "$.token selects nothing in login's response body").
    QString valueIn(const http::RequestSpec &sent, const http::Exchange &exchange, QString *error) const;
};

} // namespace verbscope::collections
