// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QSet>
#include <QStringList>

namespace verbscope::collections {

using VariableMap = QMap<QString, QString>;
using EnvironmentMap = QMap<QString, VariableMap>; // environment name → variables

// http-client.env.json and http-client.private.env.json of a collection. The private file holds
// secrets and stays out of git; its values override the public ones per environment.
// "$shared" applies to every environment (and when none is chosen).
class Environments
{
public:
    static constexpr const char *PublicFile = "http-client.env.json";
    static constexpr const char *PrivateFile = "http-client.private.env.json";
    static constexpr const char *Shared = "$shared";

    // Reads both files from `dir`; a missing file is not an error, a malformed one is.
    static Environments load(const QString &dir);
    static EnvironmentMap parse(const QByteArray &json, QString *error);
    static QByteArray toJson(const EnvironmentMap &environments);

    QStringList names() const; // without "$shared"
    bool contains(const QString &name) const;
    // $shared, then the named environment; private values over public ones.
    VariableMap variables(const QString &name) const;
    // Names defined in the private file: their values are secrets.
    QSet<QString> secretNames() const;
    // False when the environment (or $shared) turns certificate checks off the way the
    // JetBrains client does: "SSLConfiguration": {"verifyHostCertificate": false}.
    bool verifiesTls(const QString &name) const;

    EnvironmentMap publicEnvironments() const { return m_public; }
    EnvironmentMap privateEnvironments() const { return m_private; }
    void setPublic(const EnvironmentMap &e) { m_public = e; }
    void setPrivate(const EnvironmentMap &e) { m_private = e; }
    QStringList errors() const { return m_errors; }

private:
    EnvironmentMap m_public;
    EnvironmentMap m_private;
    QStringList m_errors;
};

} // namespace verbscope::collections
