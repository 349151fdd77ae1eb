/**
 * activity-log: writes every hub event to the audit trail ({@code audit}), serves it to
 * operators ({@code query}) and purges what is past its retention ({@code retention}).
 */
@NullMarked
package com.virtdevice.activity;

import org.jspecify.annotations.NullMarked;
