// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/collections/DynamicVariables.h"
#include "core/collections/Environments.h"
#include "core/collections/HttpFile.h"

#include <QByteArray>
#include <QList>
#include <QSet>

#include <functional>

namespace verbscope::collections {

struct UnresolvedVariable {
    QString name;
    QString file;
    int line = 0;
    int column = 0;
    QString reason; // why a dynamic variable has no value ("$random.integer takes 0 to 2 argument(s)…")
    QString toString() const; // "api.http:4:12: unresolved variable {{host}}[: reason]"
};

// What a request reaches beyond its own text: a file it reads (`< file`, `<@ file`, the `.env` of
// {{$dotenv NAME}}) or a
// variable of the process environment ({{$processEnv NAME}}). Imported collections need consent
// for these (CollectionTrust).
struct LocalReference {
    enum class Kind { File, ProcessEnv };
    Kind kind = Kind::File;
    QString target; // the file's absolute, clean path; or the variable's name
    QString file; // the .http file, as messages name it
    int line = 0;
    QString toString() const; // "api.http:4: reads /etc/hostname", "api.http:7: reads $processEnv HOME"
    bool operator==(const LocalReference &) const = default;
};

// A request with every {{variable}} and `< file` replaced: what would go on the wire.
struct ResolvedRequest {
    QString name;
    QString method;
    QString url;
    QList<HeaderLine> headers; // resolved, each with the line it came from
    QByteArray body;
    QString bodyFile; // the whole body is this file (absolute path)
    bool hasBody = false;
    QList<UnresolvedVariable> unresolved;
    QStringList errors; // a `< file` that cannot be read…
    QList<LocalReference> references; // every file and process environment variable it uses
};

struct ResolveOptions {
    QSet<QString> redacted; // variables whose values are replaced by Redacted
    bool inlineBodyFiles = false; // read a whole-body `< file` into `body` too
    QString shownPath; // how messages name the .http file ("api/users.http"); its path when empty
    bool readFiles = true; // false: `< file` lines are only listed in references, never opened
    // The variables in force (variablesFor) when the caller keeps them while it walks a file:
    // variablesFor is linear in the request's index, so a loop over a file would be quadratic.
    const VariableMap *variables = nullptr;
    DynamicContext dynamic; // clock and random source (tests); its .env path defaults to the file's folder
    // Request references ({{login.response.body.$.token}}, RequestReference): the value, or false
    // and why not. Unset: a reference is an unresolved variable like any unknown name.
    std::function<bool(const QString &reference, QString *value, QString *reason)> reference;
    static constexpr const char *Redacted = "REDACTED";
};

// Substitutes {{name}}, {{ name }}, {{%name}} (percent-encoded) and the dynamic variables of
// DynamicVariables; values may refer to other variables.
class VariableResolver
{
public:
    explicit VariableResolver(VariableMap variables, QSet<QString> redacted = {});
    // `line`/`column` locate text[0] in its file, so that what cannot be resolved is pinned.
    // `reads` collects what dynamic variables read ($processEnv, $dotenv), nested ones too.
    QString resolve(const QString &text, const QString &file, int line, int column,
        QList<UnresolvedVariable> *unresolved, QList<DynamicValue> *reads = nullptr) const;
    static bool isDynamic(const QString &name);
    void setDynamicContext(const DynamicContext &context) { m_dynamic = context; }
    void setReferenceLookup(const std::function<bool(const QString &, QString *, QString *)> &lookup)
    {
        m_reference = lookup;
    }

private:
    QString lookup(const QString &name, int depth, bool *ok, QString *reason, QList<DynamicValue> *reads) const;
    VariableMap m_variables;
    DynamicContext m_dynamic;
    QSet<QString> m_redacted;
    std::function<bool(const QString &, QString *, QString *)> m_reference;
};

class RequestResolver
{
public:
    // Variables in force for file.requests[index]: environment, file variables, then those
    // of the requests before it and its own (later ones win).
    static VariableMap variablesFor(const HttpFile &file, qsizetype index, const VariableMap &environment);
    // The same, one request on: `variables` held those of request index - 1 (or -1: the file's).
    static void advance(const HttpFile &file, qsizetype index, VariableMap &variables);
    static ResolvedRequest resolve(const HttpFile &file, qsizetype index, const QString &filePath,
        const VariableMap &environment, const ResolveOptions &options = {});
};

} // namespace verbscope::collections
