// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/Environments.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace verbscope::collections {

EnvironmentMap Environments::parse(const QByteArray &json, QString *error)
{
    EnvironmentMap result;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = pe.error != QJsonParseError::NoError
                ? QStringLiteral("offset %1: %2").arg(pe.offset).arg(pe.errorString())
                : QStringLiteral("expected a JSON object of environments");
        return result;
    }
    const QJsonObject root = doc.object();
    for (auto env = root.begin(); env != root.end(); ++env) {
        if (!env.value().isObject())
            continue;
        VariableMap vars;
        const QJsonObject o = env.value().toObject();
        for (auto v = o.begin(); v != o.end(); ++v) {
            const QJsonValue val = v.value();
            if (val.isString())
                vars.insert(v.key(), val.toString());
            else if (val.isDouble())
                vars.insert(v.key(), QString::number(val.toDouble(), 'g', 17));
            else if (val.isBool())
                vars.insert(v.key(), val.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
            else if (val.isObject())
                vars.insert(v.key(), QString::fromUtf8(QJsonDocument(val.toObject()).toJson(QJsonDocument::Compact)));
            else if (val.isArray())
                vars.insert(v.key(), QString::fromUtf8(QJsonDocument(val.toArray()).toJson(QJsonDocument::Compact)));
            else
                vars.insert(v.key(), QString());
        }
        result.insert(env.key(), vars);
    }
    return result;
}

QByteArray Environments::toJson(const EnvironmentMap &environments)
{
    QJsonObject root;
    for (auto env = environments.begin(); env != environments.end(); ++env) {
        QJsonObject o;
        for (auto v = env.value().begin(); v != env.value().end(); ++v)
            o.insert(v.key(), v.value());
        root.insert(env.key(), o);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Environments Environments::load(const QString &dir)
{
    Environments e;
    auto read = [&](const char *name, EnvironmentMap &into) {
        QFile f(QDir(dir).filePath(QString::fromLatin1(name)));
        if (!f.exists())
            return;
        if (!f.open(QIODevice::ReadOnly)) {
            e.m_errors << QStringLiteral("%1: %2").arg(f.fileName(), f.errorString());
            return;
        }
        QString error;
        into = parse(f.readAll(), &error);
        if (!error.isEmpty())
            e.m_errors << QStringLiteral("%1: %2").arg(f.fileName(), error);
    };
    read(PublicFile, e.m_public);
    read(PrivateFile, e.m_private);
    return e;
}

QStringList Environments::names() const
{
    QStringList n = m_public.keys() + m_private.keys();
    n.removeAll(QString::fromLatin1(Shared));
    n.removeDuplicates();
    n.sort();
    return n;
}

bool Environments::contains(const QString &name) const
{
    return m_public.contains(name) || m_private.contains(name);
}

VariableMap Environments::variables(const QString &name) const
{
    VariableMap vars;
    auto merge = [&vars](const VariableMap &m) {
        for (auto it = m.begin(); it != m.end(); ++it)
            vars.insert(it.key(), it.value());
    };
    const QString shared = QString::fromLatin1(Shared);
    merge(m_public.value(shared));
    merge(m_private.value(shared));
    if (!name.isEmpty() && name != shared) {
        merge(m_public.value(name));
        merge(m_private.value(name));
    }
    return vars;
}

bool Environments::verifiesTls(const QString &name) const
{
    const QString ssl = variables(name).value(QStringLiteral("SSLConfiguration"));
    if (ssl.isEmpty())
        return true;
    const QJsonValue verify
        = QJsonDocument::fromJson(ssl.toUtf8()).object().value(QStringLiteral("verifyHostCertificate"));
    return !(verify.isBool() && !verify.toBool());
}

QSet<QString> Environments::secretNames() const
{
    QSet<QString> s;
    for (const VariableMap &m : m_private)
        for (auto it = m.begin(); it != m.end(); ++it)
            s.insert(it.key());
    return s;
}

} // namespace verbscope::collections
