package com.virtdevice.alexa.grant;

/** The Alexa region a user's account lives in; it decides the Event Gateway. */
public enum Region {

	/** North America. */
	NA,

	/** Europe and India. */
	EU,

	/** Far East and Australia. */
	FE

}
