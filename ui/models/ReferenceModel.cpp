// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/ReferenceModel.h"

#include "core/diagnosis/Knowledge.h"

#include <algorithm>

// Built once from Knowledge for ReferenceDialog, which filters it with a proxy on SearchRole; it
// copies the texts it searches so the proxy never has to reach into the knowledge base.
namespace verbscope::ui {

using namespace verbscope::diagnosis;

// SearchRole joins every field a user may type a word from (title, aliases, meaning, causes),
// one per line, so one regular expression finds a topic by any of them.
ReferenceModel::ReferenceModel(QObject *parent)
    : QAbstractListModel(parent)
{
    const Knowledge &k = Knowledge::instance();
    for (const StatusInfo &s : k.statuses()) {
        const QString code = QString::number(s.code);
        m_entries.append({ Kind::Status, code, s.title,
            QStringList { code, s.title, s.aliases.join(QLatin1Char(' ')), s.meaning,
                s.commonCauses.join(QLatin1Char(' ')), s.methodNotes }
                .join(QLatin1Char('\n')) });
    }
    for (const UnregisteredStatus &u : k.unregisteredStatuses()) {
        const QString code = QString::number(u.code);
        m_entries.append({ Kind::UnregisteredStatus, code, tr("%1 (%2, unregistered)").arg(u.title, u.origin),
            QStringList { code, u.title, u.origin, u.meaning }.join(QLatin1Char('\n')) });
    }
    // Codes in order whether registered or not; the methods follow.
    std::stable_sort(m_entries.begin(), m_entries.end(),
        [](const Entry &a, const Entry &b) { return a.topic.toInt() < b.topic.toInt(); });
    for (const MethodInfo &m : k.methods()) {
        const QString name = QString::fromLatin1(m.name);
        m_entries.append({ Kind::Method, name, m.family.isEmpty() ? m.origin : m.family,
            QStringList { name, m.family, m.origin, m.description, m.commonlyBlocked, m.notes }.join(
                QLatin1Char('\n')) });
    }
}

ReferenceModel::~ReferenceModel() = default;

int ReferenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ReferenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return e.title.isEmpty() ? e.topic : QStringLiteral("%1  %2").arg(e.topic, e.title);
    case Qt::ToolTipRole:
        return e.kind == Kind::Method ? tr("Method %1").arg(e.topic) : tr("Status code %1").arg(e.topic);
    case TopicRole: return e.topic;
    case KindRole: return int(e.kind);
    case SearchRole: return e.search;
    default: return {};
    }
}

// Exact match first, because method names are case-sensitive (RFC 9110 section 9.1) and "get"
// must not land on GET when both could exist; a case-insensitive match is the fallback.
int ReferenceModel::rowOf(const QString &topic) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).topic == topic)
            return i;
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).topic.compare(topic, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

} // namespace verbscope::ui
