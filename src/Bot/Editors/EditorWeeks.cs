using System.Globalization;

namespace B12Bot.Editors;

/// <summary>ISO weeks as sortable text (<c>2026-W09</c>).</summary>
public static class EditorWeeks
{
    public static string Of(DateTimeOffset moment)
    {
        var date = moment.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }
}
