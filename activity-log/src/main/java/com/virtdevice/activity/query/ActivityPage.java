package com.virtdevice.activity.query;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /api/activity}, newest first.
 *
 * @param items the rows of this page
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last
 */
record ActivityPage(List<ActivityItem> items, @Schema(
		description = "Pass as cursor to get the next page; null on the last page") @Nullable String nextCursor) {

}
