package com.virtdevice.activity.query;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /api/activity}, newest first.
 *
 * @param items the rows of this page
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last
 */
record ActivityPage(List<ActivityItem> items, @Nullable String nextCursor) {

}
