// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <memory>

namespace verbscope::http {

class CookieJar;

// The app's cookie jars, one per environment, each a Netscape cookie file (owner-only) in
// `dir`: the same format `run --cookie-jar` and curl use, so a jar can be handed to either.
class CookieJarStore final
{
public:
    explicit CookieJarStore(QString dir);
    ~CookieJarStore();
    CookieJarStore(const CookieJarStore &) = delete;
    CookieJarStore &operator=(const CookieJarStore &) = delete;

    // The environment's jar, read from its file on first use; "" is the jar of plain tabs.
    std::shared_ptr<CookieJar> jar(const QString &environment);
    // Writes the environment's jar (owner-only, atomic); a jar never used is left alone.
    bool save(const QString &environment, QString *error = nullptr);
    QString fileFor(const QString &environment) const;
    // What reading a jar file said, if it failed (shown in the Cookies dialog).
    QString loadError(const QString &environment) const { return m_loadErrors.value(environment); }

private:
    QString m_dir;
    QHash<QString, std::shared_ptr<CookieJar>> m_jars;
    QHash<QString, QString> m_loadErrors;
};

} // namespace verbscope::http
