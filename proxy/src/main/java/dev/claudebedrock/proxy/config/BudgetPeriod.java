package dev.claudebedrock.proxy.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The UTC calendar window a budget covers: a day, a week starting on Monday, or a month. */
public enum BudgetPeriod {
  DAY,
  WEEK,
  MONTH;

  /** The word used in configuration and JSON ({@code day}, {@code week}, {@code month}). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The period named by a word, or an {@link IllegalArgumentException}. */
  public static BudgetPeriod of(String word) {
    for (BudgetPeriod period : values()) {
      if (period.word().equals(word)) {
        return period;
      }
    }
    throw new IllegalArgumentException("one of \"day\", \"week\", \"month\"");
  }

  /** The first day of the window that contains {@code day}. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** The first day after the window that contains {@code day}. */
  public LocalDate end(LocalDate day) {
    LocalDate start = start(day);
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
  }

  /** When the window containing {@code now} ends. */
  public Instant reset(Instant now) {
    return end(LocalDate.ofInstant(now, ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
