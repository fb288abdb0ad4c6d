// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/CookieJarStore.h"

#include "core/http/CookieJar.h"

#include <QDir>
#include <QFile>
#include <QUrl>

namespace verbscope::http {

CookieJarStore::CookieJarStore(QString dir)
    : m_dir(std::move(dir))
{ }

CookieJarStore::~CookieJarStore() = default;

QString CookieJarStore::fileFor(const QString &environment) const
{
    // Percent-encoded so any environment name is one safe file name; "" cannot clash with a name.
    const QString name = environment.isEmpty()
        ? QStringLiteral("no-environment")
        : QStringLiteral("env-") + QString::fromLatin1(QUrl::toPercentEncoding(environment, "-_"));
    return QDir(m_dir).filePath(name + QStringLiteral(".cookies.txt"));
}

std::shared_ptr<CookieJar> CookieJarStore::jar(const QString &environment)
{
    auto it = m_jars.constFind(environment);
    if (it != m_jars.constEnd())
        return *it;
    auto jar = std::make_shared<CookieJar>();
    const QString file = fileFor(environment);
    QString error;
    if (QFile::exists(file) && !jar->loadNetscape(file, &error))
        m_loadErrors.insert(environment, error);
    m_jars.insert(environment, jar);
    return jar;
}

bool CookieJarStore::save(const QString &environment, QString *error)
{
    const auto it = m_jars.constFind(environment);
    if (it == m_jars.constEnd())
        return true;
    if (!QDir().mkpath(m_dir)) {
        if (error)
            *error = QStringLiteral("%1: cannot create the folder").arg(m_dir);
        return false;
    }
    QFile::setPermissions(m_dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return (*it)->saveNetscape(fileFor(environment), error);
}

} // namespace verbscope::http
