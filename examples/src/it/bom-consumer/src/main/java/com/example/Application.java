package com.example;

/** Compiles against both adapters, whose versions only the BOM gives. */
public final class Application {

    private Application() {
    }

    /** The appender classes an application of this project would configure. */
    public static Class<?>[] appenders() {
        return new Class<?>[] {io.logbeam.logback.KinesisAppender.class, io.logbeam.log4j2.KinesisAppender.class};
    }
}
